namespace MiniPg.Acquirer.Approvals;

public enum CardBehavior
{
    Approve,
    DeclineCardDeclined,
    DeclineInsufficientFunds,
    FailTransientlyThenApprove,
    ApproveButAnswerLate,
}

/// <summary>The test card numbers that make the mock acquirer misbehave; every other valid number is approved.</summary>
public static class TestCards
{
    public const string Approved = "4242424242424242";
    public const string Declined = "4000000000000002";
    public const string InsufficientFunds = "4000000000009995";
    public const string TransientFailure = "4000000000000119";
    public const string Slow = "4000000000000341";

    public static CardBehavior BehaviorOf(string number) => number switch
    {
        Declined => CardBehavior.DeclineCardDeclined,
        InsufficientFunds => CardBehavior.DeclineInsufficientFunds,
        TransientFailure => CardBehavior.FailTransientlyThenApprove,
        Slow => CardBehavior.ApproveButAnswerLate,
        _ => CardBehavior.Approve,
    };
}
