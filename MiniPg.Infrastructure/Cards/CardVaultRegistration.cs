using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MiniPg.Infrastructure.Cards;

public static class CardVaultRegistration
{
    public static IHostApplicationBuilder AddCardVault(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CardVaultOptions>()
            .BindConfiguration(CardVaultOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<CardVault>();
        return builder;
    }
}
