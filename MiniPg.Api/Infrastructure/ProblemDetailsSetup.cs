using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;

namespace MiniPg.Api.Infrastructure;

public static class ProblemDetailsSetup
{
    /// <summary>
    /// Every error is an RFC 9457 problem document, and validation errors name fields as the JSON does
    /// (<c>card.number</c>, not <c>Card.Number</c>).
    /// </summary>
    public static IServiceCollection AddMiniPgProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (context.ProblemDetails is HttpValidationProblemDetails validation)
            {
                var errors = validation.Errors.ToDictionary(error => JsonFieldPath(error.Key), error => error.Value);
                validation.Errors.Clear();
                foreach (var (field, messages) in errors)
                {
                    validation.Errors[field] = messages;
                }
            }
        });
        services.AddExceptionHandler<UnexpectedExceptionHandler>();

        services.Configure<JsonOptions>(options =>
        {
            // Web defaults read numbers from strings ("amount": "100"); money must arrive as a JSON number.
            options.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;

            // {"amount":1000,"amount":999999999} is ambiguous: refuse it rather than let the last value win.
            options.SerializerOptions.AllowDuplicateProperties = false;
        });
        return services;
    }

    private static string JsonFieldPath(string memberPath) =>
        string.Join('.', memberPath.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
