using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniPg.Domain.Cards;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;
using MiniPg.Infrastructure.Cards;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Api;

public sealed class PaymentListTests(InfrastructureFixture infrastructure)
{
    private static readonly DateTimeOffset Morning = new(2021, 3, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Paging_returns_every_payment_once_newest_first_while_new_payments_are_created()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);
        var existing = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            existing.Add(await CreateAsync(client, $"order-{i}", $"key-existing-{i}"));
        }

        var first = await ListAsync(client, "?limit=5");
        var pages = new List<JsonElement> { first };
        var created = new List<string>();
        while (pages[^1].GetProperty("nextCursor").GetString() is { } cursor)
        {
            // Two payments are created while the next page is read, and before the one after it.
            var page = ListAsync(client, $"?limit=5&cursor={cursor}");
            var one = CreateAsync(client, "order-new", $"key-new-{created.Count}");
            var two = CreateAsync(client, "order-new", $"key-new-{created.Count + 1}");
            await Task.WhenAll(page, one, two);
            pages.Add(await page);
            created.AddRange([await one, await two]);
        }

        Assert.Equal([5, 5, 2], pages.Select(page => page.GetProperty("data").GetArrayLength()));
        Assert.Equal([true, true, false], pages.Select(page => page.GetProperty("hasMore").GetBoolean()));
        Assert.Equal(Enumerable.Reverse(existing), pages.SelectMany(Ids));
        Assert.Equal(4, created.Count);

        var payments = (await merchant.PaymentsAsync(infrastructure)).ToDictionary(payment => payment.Id.ToString());
        var newestOfFirstPage = payments[Ids(first).First()].RequestedAt;
        Assert.All(created, id => Assert.True(payments[id].RequestedAt > newestOfFirstPage, "a payment created after the first page is newer than all of it"));
        var again = await ListAsync(client, "?limit=5");
        Assert.Equal(created.ToHashSet(), Ids(again).Take(4).ToHashSet());
        Assert.Equal(existing[^1], Ids(again).Last());
    }

    [Fact]
    public async Task The_first_page_holds_twenty_payments_by_default_with_each_payments_resource()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);
        for (var i = 0; i < 21; i++)
        {
            await SeedAsync(merchant, Morning.AddMinutes(i), PaymentStatus.Failed);
        }

        var newest = await CreateAsync(client, "order-resource", "key-resource");
        using var read = await client.GetAsync($"{PaymentRequests.Path}/{newest}", TestContext.Current.CancellationToken);

        var page = await ListAsync(client, string.Empty);

        Assert.Equal(20, page.GetProperty("data").GetArrayLength());
        Assert.True(page.GetProperty("hasMore").GetBoolean());
        Assert.Equal(
            await read.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken),
            page.GetProperty("data")[0],
            JsonElement.DeepEquals);
    }

    [Fact]
    public async Task Status_selects_the_payments_in_that_status()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);
        var approved = await SeedAsync(merchant, Morning, PaymentStatus.Approved);
        var failed = await SeedAsync(merchant, Morning.AddHours(1), PaymentStatus.Failed);
        var requested = await CreateAsync(client, "order-requested", "key-requested");

        Assert.Equal([approved.Id.ToString()], Ids(await ListAsync(client, "?status=APPROVED")));
        Assert.Equal([failed.Id.ToString()], Ids(await ListAsync(client, "?status=FAILED")));
        Assert.Equal([requested], Ids(await ListAsync(client, "?status=REQUESTED")));
        Assert.Empty(Ids(await ListAsync(client, "?status=CANCELLED")));
        Assert.Equal([requested, failed.Id.ToString(), approved.Id.ToString()], Ids(await ListAsync(client, string.Empty)));
    }

    [Fact]
    public async Task Order_id_selects_that_orders_payments_exactly()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);
        var firstTry = await CreateAsync(client, "order-a", "key-a-1");
        await CreateAsync(client, "order-b", "key-b");
        var secondTry = await CreateAsync(client, "order-a", "key-a-2");
        await CreateAsync(client, "order-a-2", "key-a-prefix");

        Assert.Equal([secondTry, firstTry], Ids(await ListAsync(client, "?orderId=order-a")));
        Assert.Empty(Ids(await ListAsync(client, "?orderId=order")));
    }

    [Fact]
    public async Task From_is_inclusive_and_to_exclusive_in_any_offset()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);
        var at = new List<string>();
        for (var hour = 0; hour < 4; hour++)
        {
            at.Add((await SeedAsync(merchant, Morning.AddHours(hour), PaymentStatus.Failed)).Id.ToString());
        }

        Assert.Equal([at[2], at[1]], Ids(await ListAsync(client, "?from=2021-03-02T01:00:00Z&to=2021-03-02T03:00:00Z")));
        Assert.Equal([at[3], at[2], at[1]], Ids(await ListAsync(client, "?from=2021-03-02T10:00:00%2B09:00")));
        Assert.Equal([at[0]], Ids(await ListAsync(client, "?to=2021-03-01T19:00:00.000001-05:00")));
        Assert.Equal([at[1]], Ids(await ListAsync(client, "?from=2021-03-02T01:00:00Z&to=2021-03-02T03:00:00Z&limit=1&cursor="
            + (await ListAsync(client, "?from=2021-03-02T01:00:00Z&to=2021-03-02T03:00:00Z&limit=1")).GetProperty("nextCursor").GetString())));
    }

    [Fact]
    public async Task Another_merchants_payments_never_appear_and_its_cursors_are_refused()
    {
        var owner = await TestMerchant.CreateAsync(infrastructure);
        var stranger = await TestMerchant.CreateAsync(infrastructure);
        var ownersPayments = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ownersPayments.Add(await CreateAsync(owner.Client(infrastructure.Api), "order-shared", $"key-owner-{i}"));
        }

        var strangers = await CreateAsync(stranger.Client(infrastructure.Api), "order-shared", "key-stranger");
        var ownersPage = await ListAsync(owner.Client(infrastructure.Api), "?orderId=order-shared&limit=2");

        Assert.Equal([strangers], Ids(await ListAsync(stranger.Client(infrastructure.Api), "?orderId=order-shared")));
        Assert.Equal(Enumerable.Reverse(ownersPayments).Take(2), Ids(ownersPage));
        using var borrowed = await stranger.Client(infrastructure.Api).GetAsync(
            $"{PaymentRequests.Path}?cursor={ownersPage.GetProperty("nextCursor").GetString()}", TestContext.Current.CancellationToken);
        await AssertInvalidAsync(borrowed, "cursor");
    }

    [Theory]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=-5", "limit")]
    [InlineData("status=PENDING", "status")]
    [InlineData("status=approved", "status")]
    [InlineData("from=2026-11-30T09:00:00", "from")]
    [InlineData("from=2026-11-30", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-11-30T09:00:00Z&to=2026-11-30T18:00:00%2B09:00", "to")]
    [InlineData("from=2026-11-30T10:00:00Z&to=2026-11-30T09:00:00Z", "to")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task A_bad_parameter_is_a_400_validation_problem_naming_it(string query, string parameter)
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);

        using var response = await merchant.Client(infrastructure.Api).GetAsync($"{PaymentRequests.Path}?{query}", TestContext.Current.CancellationToken);

        await AssertInvalidAsync(response, parameter);
    }

    [Fact]
    public async Task A_cursor_changed_by_one_byte_is_refused()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);
        await SeedAsync(merchant, Morning, PaymentStatus.Failed);
        await SeedAsync(merchant, Morning.AddHours(1), PaymentStatus.Failed);
        var cursor = (await ListAsync(client, "?limit=1")).GetProperty("nextCursor").GetString()!;
        var bytes = Base64Url.DecodeFromChars(cursor);

        foreach (var position in new[] { 1, 12, bytes.Length - 1 })
        {
            var tampered = bytes.ToArray();
            tampered[position] ^= 0x01;

            using var response = await client.GetAsync($"{PaymentRequests.Path}?limit=1&cursor={Base64Url.EncodeToString(tampered)}", TestContext.Current.CancellationToken);

            await AssertInvalidAsync(response, "cursor");
        }
    }

    private static async Task<string> CreateAsync(HttpClient client, string orderId, string idempotencyKey)
    {
        using var response = await client.PostAsync(PaymentRequests.Valid(orderId: orderId), idempotencyKey);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> ListAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync(PaymentRequests.Path + query, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    private static IEnumerable<string> Ids(JsonElement page) =>
        page.GetProperty("data").EnumerateArray().Select(payment => payment.GetProperty("id").GetString()!).ToList();

    private static async Task AssertInvalidAsync(HttpResponseMessage response, string parameter)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal([parameter], problem.GetProperty("errors").EnumerateObject().Select(error => error.Name));
    }

    /// <summary>
    /// A payment written straight to the database at a chosen time and status, with no outbox row: nothing else will
    /// touch it (it is neither REQUESTED for the janitor nor approved on a date the settlement tests run).
    /// </summary>
    private async Task<Payment> SeedAsync(TestMerchant merchant, DateTimeOffset requestedAt, PaymentStatus status)
    {
        var payment = Payment.Request(
            new PaymentId(Guid.CreateVersion7(requestedAt)), merchant.Id, "order-seeded", "Seeded", new Won(10_000),
            CardNumber.Parse(TestCards.Approved).Summarize(CardVault.NewToken()), requestedAt);
        switch (status)
        {
            case PaymentStatus.Approved:
                payment.Approve("acquirer-tx-seeded", requestedAt.AddSeconds(1));
                break;
            case PaymentStatus.Failed:
                payment.Fail(new PaymentFailure("card_declined", "The card was declined."), requestedAt.AddSeconds(1));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, "Seeded payments are APPROVED or FAILED.");
        }

        payment.ClearPendingEvents();
        await using var db = infrastructure.CreateDbContext();
        db.Payments.Add(payment);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return payment;
    }
}
