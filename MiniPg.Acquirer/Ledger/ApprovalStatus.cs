namespace MiniPg.Acquirer.Ledger;

public enum ApprovalStatus
{
    Approved,
    Declined,

    /// <summary>Fully cancelled; a partial cancel keeps <see cref="Approved"/> and grows the cancelled amount.</summary>
    Cancelled,

    /// <summary>A tombstone left by a net cancellation of a request the acquirer had not seen: it can never be approved.</summary>
    Voided,
}

public static class ApprovalStatusNames
{
    public static string ToWire(this ApprovalStatus status) => status switch
    {
        ApprovalStatus.Approved => "APPROVED",
        ApprovalStatus.Declined => "DECLINED",
        ApprovalStatus.Cancelled => "CANCELLED",
        ApprovalStatus.Voided => "VOIDED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown approval status."),
    };
}
