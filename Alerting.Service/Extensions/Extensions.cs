using PerfMonitor.Alerting.Acknowledgement;
using PerfMonitor.Alerting.Delivery;
using PerfMonitor.Alerting.Escalation;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Expressions;
using PerfMonitor.Alerting.Grouping;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Receivers;
using PerfMonitor.Alerting.Reports;
using PerfMonitor.Alerting.Routing;
using PerfMonitor.Alerting.RuleFiles;
using PerfMonitor.Alerting.Rules;
using PerfMonitor.Alerting.Secrets;
using PerfMonitor.Alerting.Silences;
using PerfMonitor.Alerting.Slos;
using PerfMonitor.Alerting.State;
using PerfMonitor.Alerting.Webhooks;

namespace PerfMonitor.Alerting.Extensions;

public static class Extensions
{
    /// <summary>
    /// The service in the order a sample travels: rules, evaluation (the state machine, with expr rules queried on
    /// analytics), the notify pipeline (mute, dedup and repeat, outbox),
    /// the commit of alert state, then delivery of the outbox.
    /// </summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddMetricsDb(typeof(Extensions).Assembly, "alerting");
        // After the database: its schema migrations must run before the key ring and the secret migration read their tables.
        builder.AddWebhookSecrets();
        builder.AddWebhookTargets();
        builder.AddKafka();
        builder.Services.AddProblemDetails();
        builder.Services.AddGrpc().AddJsonTranscoding();
        builder.Services.AddSingleton<Grpc.ReceiverRpc>();
        builder.Services.AddSingleton<Grpc.AlertRpc>();
        builder.Services.AddSingleton<Grpc.SloRpc>();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.AddAlertRules();
        builder.AddRuleFiles();
        builder.AddSilences();
        builder.AddEvaluation();
        builder.AddExprRules();
        builder.AddSlos();
        builder.AddReports();
        builder.AddReceivers();
        builder.AddRouting();
        builder.AddNotifyPipeline();
        builder.AddAlertState();
        builder.AddDelivery();
        builder.AddGrouping();
        builder.AddAcknowledgements();
        builder.AddEscalation();
    }
}
