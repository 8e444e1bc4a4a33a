using System.Net;
using System.Text.Json;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Api;

public sealed class ServiceEndpointsTests(InfrastructureFixture infrastructure)
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task Health_endpoints_answer_healthy(string path)
    {
        using var response = await infrastructure.Api.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_openapi_document_is_version_3_1_and_describes_payments()
    {
        using var response = await infrastructure.Api.CreateClient().GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        var document = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/payments", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/payments/{id}", out _));
    }

    [Fact]
    public async Task The_scalar_reference_page_is_served()
    {
        using var response = await infrastructure.Api.CreateClient().GetAsync("/scalar", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
