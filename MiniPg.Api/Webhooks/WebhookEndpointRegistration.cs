namespace MiniPg.Api.Webhooks;

public static class WebhookEndpointRegistration
{
    /// <summary>The URL check with its options (<c>Webhooks:AllowLoopback</c>, <c>Webhooks:ResolveTimeout</c>), and the endpoints' JSON.</summary>
    public static IServiceCollection AddWebhookEndpoints(this IServiceCollection services)
    {
        services.AddOptions<WebhookEndpointOptions>()
            .BindConfiguration(WebhookEndpointOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<WebhookTargetCheck>();
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, WebhookJson.Default));
        return services;
    }
}
