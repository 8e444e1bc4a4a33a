using System.Globalization;
using MiniPg.Domain.Settlement;
using MiniPg.Infrastructure.Hosting;
using MiniPg.Settlement.Reconciliation;
using MiniPg.Settlement.Runs;

namespace MiniPg.Settlement.Commands;

/// <summary>
/// The operator verbs on the command line: <c>settle --date 2026-11-23</c> (with a progress display) and
/// <c>reconcile --date 2026-11-23 [--resolve-ghosts]</c>. They use the same runners and date rules as the HTTP
/// interface, except that the operator at the console may settle a day still open. Exit codes: 0 done, 1 refused (the
/// date cannot be worked on, or a run of it is in progress; nothing written), 2 usage.
/// </summary>
public static class OperatorCommands
{
    public const string Settle = "settle";
    public const string Reconcile = "reconcile";

    private static readonly System.Text.Json.JsonSerializerOptions IndentedJson = CreateIndentedJson();

    public static bool Handles(string[] args) => args is [Settle or Reconcile, ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var dateIndex = Array.IndexOf(args, "--date");
        if (dateIndex < 0 || dateIndex + 1 >= args.Length
            || !DateOnly.TryParseExact(args[dateIndex + 1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            await Console.Error.WriteLineAsync($"usage: {args[0]} --date YYYY-MM-DD{(args[0] == Reconcile ? " [--resolve-ghosts]" : string.Empty)}");
            return 2;
        }

        var resolveGhosts = args.Contains("--resolve-ghosts");
        return await CommandLineHost.RunAsync(
            [.. args.Where((_, i) => i != 0 && i != dateIndex && i != dateIndex + 1 && args[i] != "--resolve-ghosts")],
            builder =>
            {
                builder.AddServiceDefaults();
                builder.AddSettlementRunners();
            },
            async (services, _) =>
            {
                var refusal = args[0] == Settle
                    ? OperatorDates.RefusalToSettle(date, services.GetRequiredService<TimeProvider>().GetUtcNow(), allowOpenDay: true)
                    : OperatorDates.RefusalToReconcile(date);
                if (refusal is not null)
                {
                    await Console.Error.WriteLineAsync($"{refusal.Title}: {refusal.Detail}");
                    return 1;
                }

                return args[0] == Settle
                    ? await SettleAsync(services.GetRequiredService<SettlementRunner>(), date)
                    : await ReconcileAsync(services.GetRequiredService<ReconciliationRunner>(), date, resolveGhosts);
            });
    }

    private static System.Text.Json.JsonSerializerOptions CreateIndentedJson()
    {
        var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true };
        OperatorJson.Configure(options);
        return options;
    }

    private static async Task<int> SettleAsync(SettlementRunner runner, DateOnly date)
    {
        Console.WriteLine($"Settling {date:yyyy-MM-dd} (KST)...");
        var progress = new Progress<SettlementProgress>(step =>
            Console.WriteLine($"  [{step.MerchantsDone}/{step.MerchantsTotal}] merchant {step.MerchantId}: {step.Items} item(s)"));
        SettlementRunSummary summary;
        try
        {
            summary = await runner.RunAsync(date, progress, CancellationToken.None);
        }
        catch (SettlementRunInProgressException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 1;
        }

        Console.WriteLine($"{summary.Status}: {summary.Lines.Count} merchant line(s)");
        Console.WriteLine($"  gross {summary.Totals.GrossAmount:N0}  cancelled {summary.Totals.CancelledAmount:N0}  total {summary.Totals.TotalAmount:N0}  fee {summary.Totals.FeeAmount:N0} (VAT {summary.Totals.FeeVat:N0})  net {summary.Totals.NetAmount:N0}  payments {summary.Totals.PaymentCount}");
        return 0;
    }

    private static async Task<int> ReconcileAsync(ReconciliationRunner reconciliation, DateOnly date, bool resolveGhosts)
    {
        var report = await reconciliation.ReconcileAsync(date, resolveGhosts, CancellationToken.None);
        Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(report, IndentedJson));
        return 0;
    }
}
