using System.Globalization;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Slos;

/// <summary>
/// The <c>start</c>, <c>end</c> and <c>step</c> of a budget request, read as Prometheus's range API reads them (RFC 3339 or
/// Unix seconds; a duration such as 1h or seconds), with the defaults of <see cref="SloOptions"/>.
/// </summary>
public static class BudgetRange
{
    public static (DateTimeOffset Start, DateTimeOffset End, TimeSpan Step, Dictionary<string, string[]> Errors) Parse(
        string? start, string? end, string? step, DateTimeOffset now, SloOptions options)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var endTime = Time("end", end, now, errors);
        var startTime = Time("start", start, endTime - options.DefaultBudgetRange, errors);
        var stepLength = options.DefaultBudgetStep;
        if (step is not null && !TryStep(step, out stepLength))
        {
            errors["step"] = ["must be a duration such as 5m or 1h, or a number of seconds"];
        }
        if (errors.Count == 0 && endTime <= startTime)
        {
            errors["end"] = ["must be after start"];
        }
        else if (errors.Count == 0 && (endTime - startTime) / stepLength > options.MaxBudgetPoints)
        {
            errors["step"] = [$"gives more than {options.MaxBudgetPoints} points between start and end: use a longer step"];
        }
        return (startTime, endTime, stepLength, errors);
    }

    private static bool TryStep(string text, out TimeSpan step)
    {
        if (Duration.TryParse(text, out step) && step > TimeSpan.Zero)
        {
            return true;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && seconds >= 1)
        {
            step = TimeSpan.FromSeconds(Math.Floor(seconds));
            return true;
        }
        return false;
    }

    private static DateTimeOffset Time(string field, string? text, DateTimeOffset fallback, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return fallback;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var unix) && double.IsFinite(unix))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)(unix * 1000));
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }
        errors[field] = ["must be an RFC 3339 time or Unix seconds"];
        return fallback;
    }
}
