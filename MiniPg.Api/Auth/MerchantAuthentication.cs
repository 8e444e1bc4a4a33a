using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using MiniPg.Domain.Merchants;
using MiniPg.Infrastructure.Persistence;

namespace MiniPg.Api.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;secret key&gt;</c>: the key is hashed and looked up (<see cref="MerchantKeys"/>); the
/// merchant id becomes the principal's name. Failures are 401 problem documents written by
/// <see cref="HandleChallengeAsync"/>.
/// </summary>
public sealed class MerchantAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    MerchantKeys keys,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "MerchantKey";
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = ApiKeys.Hash(header[BearerPrefix.Length..].Trim());
        var merchantId = await keys.FindAsync(hash, Context.RequestServices.GetRequiredService<MiniPgDbContext>(), Context.RequestAborted);
        if (merchantId is null)
        {
            return AuthenticateResult.Fail("Unknown API key.");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, merchantId.Value.ToString())], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Authentication required",
                Detail = "Send your secret key as `Authorization: Bearer sk_...`; the key given is missing or unknown.",
            },
        });
    }
}
