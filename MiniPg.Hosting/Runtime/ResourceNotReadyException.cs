namespace MiniPg.Hosting;

/// <summary>A health probe got an answer, but not the one that means ready (HTTP 503, no broker yet).</summary>
internal sealed class ResourceNotReadyException : Exception
{
    public ResourceNotReadyException()
    {
    }

    public ResourceNotReadyException(string message)
        : base(message)
    {
    }

    public ResourceNotReadyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
