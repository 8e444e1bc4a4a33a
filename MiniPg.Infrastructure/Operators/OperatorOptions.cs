using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;

namespace MiniPg.Infrastructure.Operators;

/// <summary>The operators' secret key, shared by every operator interface. The AppHost injects it (its <c>operator-key</c> parameter).</summary>
public sealed class OperatorOptions
{
    public const string Section = "Operator";

    /// <summary>Development: <c>sk_test_operator</c>.</summary>
    [Required]
    [MinLength(16)]
    public string Key { get; set; } = string.Empty;

    public static IServiceCollection Register(IServiceCollection services)
    {
        services.AddOptions<OperatorOptions>().BindConfiguration(Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddScoped<OperatorKeyFilter>();
    }
}
