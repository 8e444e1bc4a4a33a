using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MiniPg.Infrastructure.Persistence;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Api;

/// <summary>
/// An Api that dies after claiming the key in Redis and before committing: its lock stays behind, and nothing was
/// committed. The merchant's retry must get a fresh 202 within about a minute, and exactly one payment.
/// </summary>
public sealed class ApiCrashTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task A_retry_after_the_api_died_between_claim_and_commit_is_accepted_within_a_minute_and_charges_once()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var reachedCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dying = new ApiFactory(infrastructure, ApiFactory.NoAcquirer, builder =>
        {
            builder.UseShutdownTimeout(TimeSpan.FromSeconds(1));
            builder.ConfigureTestServices(services => services.ConfigureDbContext<MiniPgDbContext>(
                options => options.AddInterceptors(new FreezesBeforeCommit(reachedCommit, never.Task))));
        });
        dying.StartServer();
        var firstAttempt = merchant.Client(dying).PostAsync(PaymentRequests.Valid(), "key-api-died");
        await reachedCommit.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await dying.DisposeAsync();

        try
        {
            var retries = merchant.Client(infrastructure.Api);
            var statuses = new List<HttpStatusCode>();
            var waited = System.Diagnostics.Stopwatch.StartNew();
            HttpResponseMessage retry;
            while (true)
            {
                retry = await retries.PostAsync(PaymentRequests.Valid(), "key-api-died");
                statuses.Add(retry.StatusCode);
                if (retry.StatusCode != HttpStatusCode.Conflict || waited.Elapsed > TimeSpan.FromSeconds(60))
                {
                    break;
                }

                retry.Dispose();
                await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
            }

            using (retry)
            {
                Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
                Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
            }

            Assert.Equal(HttpStatusCode.Conflict, statuses[0]);
            Assert.Single(await merchant.PaymentsAsync(infrastructure));
        }
        finally
        {
            never.SetException(new OperationCanceledException("the test is over"));
            await Assert.ThrowsAnyAsync<Exception>(() => firstAttempt);
        }
    }

    /// <summary>Holds <c>SaveChanges</c> for ever, as a process frozen or killed at that instant would.</summary>
    private sealed class FreezesBeforeCommit(TaskCompletionSource reached, Task never) : SaveChangesInterceptor
    {
        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            reached.TrySetResult();
            await never;
            return result;
        }
    }
}
