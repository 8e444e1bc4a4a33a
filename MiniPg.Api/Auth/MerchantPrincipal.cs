using System.Security.Claims;
using MiniPg.Domain.Merchants;

namespace MiniPg.Api.Auth;

public static class MerchantPrincipal
{
    public static MerchantId MerchantId(this ClaimsPrincipal user) =>
        new(Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The endpoint must require an authenticated merchant.")));
}
