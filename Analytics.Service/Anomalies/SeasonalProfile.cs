namespace PerfMonitor.Analytics.Anomalies;

/// <summary>
/// The typical offset from the daily mean per hour of the day and per hour of the week. Learned once per hour from
/// that hour's mean minus the mean of the last 24 hourly means, so a level shift moves the daily mean, not the shape,
/// and a day of shifted data changes each slot by a fraction only.
/// </summary>
public sealed class SeasonalProfile
{
    private const double Alpha = 0.3;
    private const int HoursPerDay = 24;

    private readonly double?[] daily = new double?[HoursPerDay];
    private readonly double?[] weekly = new double?[HoursPerDay * 7];
    private readonly Queue<double> hourlyMeans = new();
    private DateTimeOffset? currentHour;
    private double hourSum;
    private int hourCount;

    public void Learn(DateTimeOffset time, double value)
    {
        var hour = new DateTimeOffset(time.Year, time.Month, time.Day, time.Hour, 0, 0, TimeSpan.Zero);
        if (currentHour is { } open && hour != open && hourCount > 0)
        {
            CloseHour(open, hourSum / hourCount);
            hourSum = 0;
            hourCount = 0;
        }
        currentHour = hour;
        hourSum += value;
        hourCount++;
    }

    public double? Level(DateTimeOffset time, bool useWeekly) =>
        useWeekly ? weekly[Slot(time)] ?? daily[time.Hour] : daily[time.Hour];

    private void CloseHour(DateTimeOffset hour, double mean)
    {
        hourlyMeans.Enqueue(mean);
        if (hourlyMeans.Count > HoursPerDay)
        {
            hourlyMeans.Dequeue();
        }
        if (hourlyMeans.Count < HoursPerDay)
        {
            return;
        }
        var offset = mean - hourlyMeans.Average();
        Update(daily, hour.Hour, offset);
        Update(weekly, Slot(hour), offset);
    }

    private static int Slot(DateTimeOffset time) => ((int)time.DayOfWeek * HoursPerDay) + time.Hour;

    private static void Update(double?[] slots, int slot, double value) =>
        slots[slot] = slots[slot] is { } current ? current + (Alpha * (value - current)) : value;
}
