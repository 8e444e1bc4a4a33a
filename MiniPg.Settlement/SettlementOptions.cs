using System.ComponentModel.DataAnnotations;

namespace MiniPg.Settlement;

public sealed class SettlementOptions
{
    public const string Section = "Settlement";

    /// <summary>The operator's secret key for the HTTP interface (Development: <c>sk_test_operator</c>).</summary>
    [Required]
    [MinLength(16)]
    public string OperatorKey { get; set; } = string.Empty;

    /// <summary>Lets an operator settle a KST day that has not closed yet (true in Development, for demos).</summary>
    public bool AllowOpenDay { get; set; }

    /// <summary>When the daily run starts, as a cron expression in Asia/Seoul time: five past midnight by default.</summary>
    [Required]
    public string Schedule { get; set; } = "5 0 * * *";
}
