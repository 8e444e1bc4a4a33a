using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace MiniPg.Acquirer.Http;

public static class AcquirerProblemDetails
{
    /// <summary>
    /// Every error is an RFC 9457 problem document whose validation errors name fields as the JSON does
    /// (<c>card.number</c>), amounts must arrive as JSON numbers, never as strings, and a key given twice is refused
    /// rather than read as its last value (<c>{"amount":100,"amount":1}</c> is a 400, not an approval of 1 won).
    /// </summary>
    public static IServiceCollection AddAcquirerProblemDetails(this IServiceCollection services)
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
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            options.SerializerOptions.AllowDuplicateProperties = false;
        });

        // In Development minimal APIs throw an unreadable body at the exception handler, which answers 500; the
        // acquirer runs in Development under the AppHost, and a bad request is a 400 there too.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        return services;
    }

    private static string JsonFieldPath(string memberPath) =>
        string.Join('.', memberPath.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
