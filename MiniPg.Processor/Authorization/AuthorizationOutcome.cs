namespace MiniPg.Processor.Authorization;

/// <summary>What the consume loop should do with a <c>payment.requested</c> message once the business step ran.</summary>
public abstract record AuthorizationOutcome
{
    private AuthorizationOutcome()
    {
    }

    /// <summary>The payment reached a final state (now or earlier: a duplicate delivery changes nothing).</summary>
    public sealed record Done(string Result) : AuthorizationOutcome;

    /// <summary>The acquirer's answer is not known yet: try again later, through the retry topic.</summary>
    public sealed record RetryLater(string Reason) : AuthorizationOutcome;

    /// <summary>This message can never be processed: straight to the dead-letter topic.</summary>
    public sealed record Poison(string Reason) : AuthorizationOutcome;
}
