namespace MiniPg.Tests.Support;

/// <summary>The mock acquirer's test cards (see the README's table).</summary>
internal static class TestCards
{
    public const string Approved = "4242424242424242";
    public const string Declined = "4000000000000002";
    public const string InsufficientFunds = "4000000000009995";
    public const string TransientFailureThenApproved = "4000000000000119";
    public const string TimeoutButApproved = "4000000000000341";

    /// <summary>Not in the table: any other valid number is approved.</summary>
    public const string OtherValid = "5555555555554444";
}
