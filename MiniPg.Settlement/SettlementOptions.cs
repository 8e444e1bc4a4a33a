using System.ComponentModel.DataAnnotations;

namespace MiniPg.Settlement;

public sealed class SettlementOptions
{
    public const string Section = "Settlement";

    /// <summary>Lets an operator settle a KST day that has not closed yet (true in Development, for demos).</summary>
    public bool AllowOpenDay { get; set; }

    /// <summary>When the daily run starts, as a cron expression in Asia/Seoul time: five past midnight by default.</summary>
    [Required]
    public string Schedule { get; set; } = "5 0 * * *";
}
