using System.ComponentModel.DataAnnotations;

namespace MiniPg.Infrastructure.Acquiring;

/// <summary>
/// MiniPg's credentials at the acquirer: the key it issued us, sent with every call. The AppHost injects it (its
/// <c>acquirer-key</c> parameter) into every service that calls the acquirer. Section <c>Acquirer</c>.
/// </summary>
public sealed class AcquirerOptions
{
    public const string Section = "Acquirer";

    /// <summary>Development: <c>sk_test_acquirer</c>.</summary>
    [Required(ErrorMessage = "Acquirer:Key is not set: the acquirer refuses every call without it.")]
    [MinLength(16, ErrorMessage = "Acquirer:Key must be at least 16 characters.")]
    public string Key { get; set; } = string.Empty;
}
