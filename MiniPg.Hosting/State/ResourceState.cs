namespace MiniPg.Hosting;

/// <summary>The lifecycle of a resource, after Aspire's known resource states.</summary>
public enum ResourceState
{
    NotStarted,
    Waiting,
    Starting,
    Running,
    Finished,
    Exited,
    FailedToStart,
    Stopping,
    Stopped,
}
