namespace MiniPg.Domain.Settlement;

public enum SettlementRunStatus
{
    Running,
    Completed,
    Failed,
}

/// <summary>
/// One settlement of one KST business date, for every merchant. Keyed by the date: a second run of a completed date
/// is a no-op, and a run that crashed (still Running) or failed resumes where it stopped.
/// </summary>
public sealed class SettlementRun(DateOnly businessDate, DateTimeOffset startedAt)
{
    public DateOnly BusinessDate { get; private set; } = businessDate;

    public SettlementRunStatus Status { get; private set; } = SettlementRunStatus.Running;

    public DateTimeOffset StartedAt { get; private set; } = startedAt;

    public DateTimeOffset? CompletedAt { get; private set; }

    public string? Failure { get; private set; }

    public void Resume()
    {
        Status = SettlementRunStatus.Running;
        Failure = null;
    }

    public void Complete(DateTimeOffset at)
    {
        Status = SettlementRunStatus.Completed;
        CompletedAt = at;
    }

    public void Fail(string failure)
    {
        Status = SettlementRunStatus.Failed;
        Failure = failure.Length > 2000 ? failure[..2000] : failure;
    }
}
