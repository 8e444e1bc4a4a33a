using MiniPg.Domain.Cards;

namespace MiniPg.Domain.Tests.Cards;

public sealed class CardNumberTests
{
    [Theory]
    [InlineData("4242424242424242", CardBrand.Visa)]
    [InlineData("4000000000000002", CardBrand.Visa)]
    [InlineData("5555555555554444", CardBrand.Mastercard)]
    [InlineData("2223003122003222", CardBrand.Mastercard)]
    [InlineData("378282246310005", CardBrand.Amex)]
    [InlineData("3566002020360505", CardBrand.Jcb)]
    [InlineData("6200000000000005", CardBrand.UnionPay)]
    public void A_valid_number_parses_with_its_brand(string text, CardBrand brand)
    {
        Assert.True(CardNumber.TryParse(text, out var number));
        Assert.Equal(brand, number.Brand);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("4242424242424241")]
    [InlineData("4242 4242 4242 4242")]
    [InlineData("42424242424")]
    [InlineData("42424242424242424242")]
    [InlineData("abcdabcdabcdabcd")]
    public void An_invalid_number_is_refused(string? text) => Assert.False(CardNumber.TryParse(text, out _));

    [Fact]
    public void The_summary_keeps_bin_and_last_four_only()
    {
        var summary = CardNumber.Parse("4242424242424242").Summarize("tok_1");

        Assert.Equal(new CardSummary(CardBrand.Visa, "424242", "4242", "tok_1"), summary);
    }

    [Fact]
    public void Printing_a_card_number_masks_it() =>
        Assert.Equal("424242******4242", CardNumber.Parse("4242424242424242").ToString());

    [Theory]
    [InlineData(2026, 11, true)]
    [InlineData(2026, 12, true)]
    [InlineData(2026, 10, false)]
    [InlineData(2025, 12, false)]
    public void A_card_is_valid_through_the_end_of_its_expiry_month(int year, int month, bool valid) =>
        Assert.Equal(!valid, new CardExpiry(year, month).HasExpiredBy(new DateOnly(2026, 11, 30)));
}
