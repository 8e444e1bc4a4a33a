using MiniPg.Acquirer.Ledger;

namespace MiniPg.Acquirer.Approvals;

/// <summary>Card numbers never reach a log: only the BIN and the last four digits.</summary>
internal static partial class ApprovalLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Approved {RequestId} for merchant {MerchantId}: {Amount} won on card {CardBin}…{CardLast4}, transaction {TransactionId}")]
    public static partial void Approved(ILogger logger, Guid requestId, Guid merchantId, long amount, string cardBin, string cardLast4, string transactionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Declined {RequestId} for merchant {MerchantId}: {Amount} won on card {CardBin}…{CardLast4}, {DeclineCode}")]
    public static partial void Declined(ILogger logger, Guid requestId, Guid merchantId, long amount, string cardBin, string cardLast4, string declineCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Approval call for {RequestId} failed on purpose: {Reason}")]
    public static partial void InjectedFailure(ILogger logger, Guid requestId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Net cancellation of {RequestId}: {Status}")]
    public static partial void NetCancelled(ILogger logger, Guid requestId, ApprovalStatus status);
}
