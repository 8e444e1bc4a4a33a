namespace MiniPg.Hosting;

internal sealed record ResourceWait(Resource Dependency, WaitBehavior Behavior);
