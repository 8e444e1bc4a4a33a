using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using MiniPg.Domain;
using MiniPg.Domain.Fees;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;

namespace MiniPg.Infrastructure.Persistence;

internal sealed class WonConverter() : ValueConverter<Won, long>(won => won.Value, value => new Won(value));

internal sealed class PaymentIdConverter() : ValueConverter<PaymentId, Guid>(id => id.Value, value => new PaymentId(value));

internal sealed class BasisPointsConverter() : ValueConverter<BasisPoints, int>(rate => rate.Value, value => new BasisPoints(value));

internal sealed class MerchantIdConverter() : ValueConverter<MerchantId, Guid>(id => id.Value, value => new MerchantId(value));

/// <summary>Stores enums by the names the API shows (<c>REQUESTED</c>, <c>APPROVED</c>…), so a row reads like the response.</summary>
internal sealed class WireNameEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => WireNames.Of(value),
    text => WireNames.Parse<TEnum>(text))
    where TEnum : struct, Enum;
