namespace PerfMonitor.Alerting.Routing;

/// <summary>
/// One compiled range of a time interval: minutes of the day, weekdays, days of the month (negative counts from the
/// end) and months, read in its location. An empty list matches everything.
/// </summary>
public sealed record TimeRange(
    IReadOnlyList<(int Start, int End)> Minutes,
    IReadOnlySet<DayOfWeek> Weekdays,
    IReadOnlyList<(int Start, int End)> DaysOfMonth,
    IReadOnlySet<int> Months,
    TimeZoneInfo Location)
{
    public bool Contains(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Location);
        var minute = (local.Hour * 60) + local.Minute;
        var daysInMonth = DateTime.DaysInMonth(local.Year, local.Month);
        return (Minutes.Count == 0 || Minutes.Any(r => minute >= r.Start && minute < r.End))
            && (Weekdays.Count == 0 || Weekdays.Contains(local.DayOfWeek))
            && (DaysOfMonth.Count == 0 || DaysOfMonth.Any(r => local.Day >= Absolute(r.Start, daysInMonth) && local.Day <= Absolute(r.End, daysInMonth)))
            && (Months.Count == 0 || Months.Contains(local.Month));
    }

    /// <summary>-1 is the last day of the month, -2 the one before.</summary>
    private static int Absolute(int day, int daysInMonth) => day < 0 ? daysInMonth + day + 1 : day;
}
