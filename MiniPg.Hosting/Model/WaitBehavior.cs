namespace MiniPg.Hosting;

internal enum WaitBehavior
{
    /// <summary>The dependency has started and its health probe answers.</summary>
    Healthy,

    /// <summary>The dependency is a one-shot job that exited with code 0.</summary>
    Completion,
}
