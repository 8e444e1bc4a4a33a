using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MiniPg.Infrastructure.Http;

public static class ProblemDocuments
{
    /// <summary>
    /// Every error is an RFC 9457 problem document, validation errors name fields as the JSON does
    /// (<c>businessDate</c>, not <c>BusinessDate</c>), and a body is read strictly: each property once, numbers as JSON
    /// numbers. A body that cannot be read is a 400 in every environment (docs/decisions/0021-dates-an-operator-may-settle.md).
    /// </summary>
    public static IServiceCollection AddProblemDocuments(this IServiceCollection services)
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

        // By default minimal APIs throw on an unreadable body only in Development, where the exception handler would
        // answer 500, and elsewhere answer a bare 400: throwing everywhere lets one handler write one document naming the field.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        // Web defaults let the last of two same-named properties win and read numbers from strings ("1" for 1).
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.AllowDuplicateProperties = false;
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        return services;
    }

    private static string JsonFieldPath(string memberPath) =>
        string.Join('.', memberPath.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
