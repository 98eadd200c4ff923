using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Receivers;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Alerting.Reports;

public static class ReportsExtensions
{
    /// <summary>
    /// Scheduled reports: their schedules (checked at start), analytics' gRPC query client (service discovery's
    /// <c>http://_grpc.analytics</c>, the endpoint the gateway's overview uses), the generator and the scheduler, and the
    /// delivery of each report to its schedule's receivers through the notification outbox.
    /// </summary>
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ReportOptions>, ReportOptionsValidator>();
        builder.Services.AddSingleton(sp => Schedule(sp, ReportKind.Daily, o => o.DailySchedule));
        builder.Services.AddSingleton(sp => Schedule(sp, ReportKind.Weekly, o => o.WeeklySchedule));
        builder.Services.AddGrpcClient<Query.QueryClient>(client => client.Address = new Uri($"http://_grpc.{ResourceNames.Analytics}"));
        builder.Services.AddSingleton<AlertFirings>();
        builder.Services.AddSingleton<ReportStore>();
        builder.Services.AddSingleton<ReportScheduleStore>();
        builder.Services.AddSingleton<IReceiverUsage, ReportScheduleUsage>();
        builder.Services.AddSingleton<ReportScheduleValidator>();
        builder.Services.AddSingleton<ReportPayloads>();
        builder.Services.AddSingleton<IReportDelivery, ReceiverReportDelivery>();
        builder.Services.AddTransient<AnalyticsGrpcSource>();
        builder.Services.AddTransient<ReportSources>();
        builder.Services.AddTransient<ReportGenerator>();
        builder.Services.AddHostedService<ReportScheduler>();
        return builder;
    }

    private static ReportSchedule Schedule(IServiceProvider services, ReportKind kind, Func<ReportOptions, string> cron)
    {
        var options = services.GetRequiredService<IOptions<ReportOptions>>().Value;
        return ReportSchedule.Parse(kind, cron(options), TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone));
    }
}
