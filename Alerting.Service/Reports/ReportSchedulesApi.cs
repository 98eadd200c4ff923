using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace PerfMonitor.Alerting.Reports;

public static class ReportSchedulesApi
{
    /// <summary>/api/v1/reports/schedules: each kind's cron (from configuration), next run and receivers; PUT .../{kind} sets its receivers.</summary>
    public static RouteGroupBuilder MapReportSchedules(this RouteGroupBuilder reports)
    {
        reports.MapGet("/schedules", async ([FromServices] IEnumerable<ReportSchedule> schedules, ReportScheduleStore store, IOptions<ReportOptions> options, TimeProvider clock, CancellationToken ct) =>
        {
            var views = new List<ReportScheduleView>();
            foreach (var schedule in schedules)
            {
                views.Add(await ViewAsync(schedule, store, options.Value, clock, ct));
            }
            return TypedResults.Ok(views);
        });
        reports.MapPut("/schedules/{kind}", async Task<Results<Ok<ReportScheduleView>, ValidationProblem>> (
            string kind, ReportScheduleRequest request, [FromServices] IEnumerable<ReportSchedule> schedules, ReportScheduleValidator validator, ReportScheduleStore store,
            IOptions<ReportOptions> options, TimeProvider clock, CancellationToken ct) =>
        {
            if (!WireName<ReportKind>.TryParse(kind, out var parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = [$"must be one of {string.Join(", ", WireName<ReportKind>.All)}"] }, title: "Invalid report schedule");
            }
            var (receivers, errors) = await validator.ValidateAsync(request, ct);
            if (receivers is null)
            {
                return TypedResults.ValidationProblem(errors, title: "Invalid report schedule");
            }
            await store.SaveAsync(parsed, receivers, ct);
            return TypedResults.Ok(await ViewAsync(schedules.Single(s => s.Kind == parsed), store, options.Value, clock, ct));
        });
        return reports;
    }

    private static async Task<ReportScheduleView> ViewAsync(ReportSchedule schedule, ReportScheduleStore store, ReportOptions options, TimeProvider clock, CancellationToken ct) => new(
        schedule.Kind.ToWire(), schedule.Kind == ReportKind.Daily ? options.DailySchedule : options.WeeklySchedule, options.TimeZone,
        schedule.Next(clock.GetUtcNow()), await store.ReceiversAsync(schedule.Kind, ct));
}
