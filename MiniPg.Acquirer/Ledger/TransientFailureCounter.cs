namespace MiniPg.Acquirer.Ledger;

/// <summary>How many approval calls of one request id the transient-failure test card has answered so far.</summary>
public sealed class TransientFailureCounter
{
    public Guid RequestId { get; set; }

    public int Calls { get; set; }
}
