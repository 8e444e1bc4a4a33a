using System.ComponentModel.DataAnnotations;

namespace MiniPg.Acquirer.Authentication;

/// <summary>
/// The key the acquirer issued to its one client, MiniPg: <c>Acquirer:Key</c>, the setting MiniPg's services present
/// it from too. The AppHost injects both from its <c>acquirer-key</c> parameter.
/// </summary>
public sealed class AcquirerKeyOptions
{
    public const string Section = "Acquirer";

    /// <summary>Development: <c>sk_test_acquirer</c>.</summary>
    [Required(ErrorMessage = "Acquirer:Key is not set: the acquirer serves no one without it.")]
    [MinLength(16, ErrorMessage = "Acquirer:Key must be at least 16 characters.")]
    public string Key { get; set; } = string.Empty;
}
