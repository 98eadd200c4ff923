using System.Globalization;

namespace PerfMonitor.Alerting.Routing;

/// <summary>Compiles a <see cref="TimeRangeConfig"/>; every refusal names its field under <c>prefix</c>.</summary>
public static class TimeRangeParser
{
    private const int MinutesPerDay = 24 * 60;

    private static readonly string[] MonthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    public static TimeRange? Parse(TimeRangeConfig config, string prefix, Action<string, string> fail)
    {
        var ok = true;
        void Fail(string field, string reason)
        {
            ok = false;
            fail($"{prefix}.{field}", reason);
        }
        var minutes = new List<(int, int)>();
        foreach (var (time, i) in (config.Times ?? []).Select((t, i) => (t, i)))
        {
            if (Minute(time.StartTime) is not { } start || Minute(time.EndTime) is not { } end || start >= end)
            {
                Fail($"times[{i}]", "needs start_time and end_time as HH:MM (00:00 to 24:00), start before end");
                continue;
            }
            minutes.Add((start, end));
        }
        var weekdays = new HashSet<DayOfWeek>();
        foreach (var (text, i) in (config.Weekdays ?? []).Select((t, i) => (t, i)))
        {
            if (Range(text, Weekday) is not { } range)
            {
                Fail($"weekdays[{i}]", "must be a weekday or a range such as monday:friday");
                continue;
            }
            for (var day = range.Start; day <= range.End; day++)
            {
                weekdays.Add((DayOfWeek)(day % 7));
            }
        }
        var days = new List<(int, int)>();
        foreach (var (text, i) in (config.DaysOfMonth ?? []).Select((t, i) => (t, i)))
        {
            if (Range(text, DayOfMonth) is not { } range || (range.Start > 0 && range.End > 0 && range.Start > range.End))
            {
                Fail($"days_of_month[{i}]", "must be a day 1 to 31 or -31 to -1, or a range such as 1:7");
                continue;
            }
            days.Add(range);
        }
        var months = new HashSet<int>();
        foreach (var (text, i) in (config.Months ?? []).Select((t, i) => (t, i)))
        {
            if (Range(text, Month) is not { } range || range.Start > range.End)
            {
                Fail($"months[{i}]", "must be a month (name or 1 to 12) or a range such as january:march");
                continue;
            }
            for (var month = range.Start; month <= range.End; month++)
            {
                months.Add(month);
            }
        }
        var location = TimeZoneInfo.Utc;
        if (!string.IsNullOrEmpty(config.Location) && config.Location != "UTC" && !TimeZoneInfo.TryFindSystemTimeZoneById(config.Location == "Local" ? TimeZoneInfo.Local.Id : config.Location, out location))
        {
            Fail("location", "must be an IANA time zone such as Europe/Berlin, UTC or Local");
        }
        return ok ? new TimeRange(minutes, weekdays, days, months, location ?? TimeZoneInfo.Utc) : null;
    }

    private static int? Minute(string? text)
    {
        var parts = text?.Split(':');
        if (parts is not { Length: 2 } || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || minutes > 59)
        {
            return null;
        }
        var total = (hours * 60) + minutes;
        return total <= MinutesPerDay ? total : null;
    }

    private static (int Start, int End)? Range(string? text, Func<string, int?> one)
    {
        var parts = text?.Split(':');
        if (parts is not { Length: 1 or 2 } || one(parts[0].Trim()) is not { } start || one(parts[^1].Trim()) is not { } end)
        {
            return null;
        }
        return (start, end);
    }

    /// <summary>Sunday is 0 as in DayOfWeek; a range such as saturday:sunday wraps by counting sunday as 7.</summary>
    private static int? Weekday(string text) => Enum.TryParse<DayOfWeek>(text, ignoreCase: true, out var day) && !int.TryParse(text, out _)
        ? (day == DayOfWeek.Sunday ? 7 : (int)day)
        : null;

    private static int? DayOfMonth(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var day) && day != 0 && day is >= -31 and <= 31 ? day : null;

    private static int? Month(string text)
    {
        var index = Array.IndexOf(MonthNames, text.ToLowerInvariant());
        return index >= 0 ? index + 1 : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12 ? month : null;
    }
}
