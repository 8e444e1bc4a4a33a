using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MiniPg.Infrastructure.Persistence;

namespace MiniPg.Api.Webhooks;

/// <summary>
/// A delivery's <c>Revision</c> is a concurrency token that the sender bumps whenever it records an attempt. A merchant's
/// change made from a read the sender has overtaken is refused by the save; it is read, changed and saved once more,
/// and a second loss (a sender busy with that very delivery) is a 409 asking the merchant to try again.
/// </summary>
internal static class ConcurrentDeliveries
{
    public static async Task<TResult> ReadAgainOnceAsync<TResult>(MiniPgDbContext db, Func<Task<TResult>> readChangeAndSave, TResult conflict)
    {
        try
        {
            return await readChangeAndSave();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
        }

        try
        {
            return await readChangeAndSave();
        }
        catch (DbUpdateConcurrencyException)
        {
            return conflict;
        }
    }

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Concurrent change", detail: detail);
}
