using Microsoft.AspNetCore.Http.HttpResults;

namespace MiniPg.Settlement.Runs;

public static class DateRefusalProblems
{
    /// <summary>A date outside the calendar's data is bad input (400); a day not begun or still open is a conflict (409).</summary>
    public static ProblemHttpResult ToProblem(this DateRefusal refusal) => TypedResults.Problem(
        statusCode: refusal.Reason == DateRefusalReason.OutsideCalendar ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict,
        title: refusal.Title,
        detail: refusal.Detail);
}
