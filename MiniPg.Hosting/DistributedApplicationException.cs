namespace MiniPg.Hosting;

/// <summary>The application could not start: a prerequisite is missing, a resource failed or a dependency never became ready.</summary>
public sealed class DistributedApplicationException : Exception
{
    public DistributedApplicationException()
    {
    }

    public DistributedApplicationException(string message)
        : base(message)
    {
    }

    public DistributedApplicationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
