using MiniPg.Domain.Merchants;
using MiniPg.Domain.Webhooks;

namespace MiniPg.Domain.Tests.Webhooks;

public sealed class WebhookEndpointTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Describe_replaces_the_note_and_null_removes_it()
    {
        var endpoint = WebhookEndpoint.Create(Guid.CreateVersion7(Start), MerchantId.New(), "https://shop.example/webhooks", WebhookEventTypes.All, "orders", Start);

        endpoint.Describe("refunds");
        var replaced = endpoint.Description;
        endpoint.Describe(null);

        Assert.Equal(("refunds", (string?)null), (replaced, endpoint.Description));
    }
}
