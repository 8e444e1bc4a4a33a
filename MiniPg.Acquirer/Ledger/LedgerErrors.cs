using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MiniPg.Acquirer.Ledger;

public static class LedgerErrors
{
    /// <summary>The save lost a race on a unique key (request id, cancellation id): the winner's row is the answer.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
