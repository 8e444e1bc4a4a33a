namespace MiniPg.Hosting;

/// <summary>The order of the model's dependency graph (waits and references).</summary>
internal static class DependencyOrder
{
    public static void ThrowIfCircular(IReadOnlyList<Resource> resources)
    {
        var finished = new HashSet<Resource>();
        var onPath = new HashSet<Resource>();
        foreach (var resource in resources)
        {
            Visit(resource);
        }

        void Visit(Resource resource)
        {
            if (finished.Contains(resource))
            {
                return;
            }

            if (!onPath.Add(resource))
            {
                throw new InvalidOperationException($"Circular dependency: {string.Join(" -> ", onPath)} -> {resource.Name}.");
            }

            foreach (var dependency in resource.Dependencies)
            {
                Visit(dependency);
            }

            onPath.Remove(resource);
            finished.Add(resource);
        }
    }

    /// <summary>Runs <paramref name="action"/> for every resource once all resources that depend on it are done; independent ones run in parallel.</summary>
    public static Task ForEachDependentsFirstAsync(IReadOnlyList<Resource> resources, Func<Resource, Task> action)
    {
        var dependents = resources.ToDictionary(resource => resource, resource => resources.Where(other => other.Dependencies.Contains(resource)).ToList());
        var tasks = new Dictionary<Resource, Task>();
        return Task.WhenAll(resources.Select(Schedule));

        Task Schedule(Resource resource)
        {
            if (!tasks.TryGetValue(resource, out var task))
            {
                task = RunAfterDependentsAsync(resource);
                tasks[resource] = task;
            }

            return task;
        }

        async Task RunAfterDependentsAsync(Resource resource)
        {
            await Task.WhenAll(dependents[resource].Select(Schedule)).ConfigureAwait(false);
            await action(resource).ConfigureAwait(false);
        }
    }
}
