using PerfMonitor.Alerting.Acknowledgement;
using PerfMonitor.Alerting.Delivery;
using PerfMonitor.Alerting.Extensions;
using PerfMonitor.Alerting.Grpc;
using PerfMonitor.Alerting.Receivers;
using PerfMonitor.Alerting.Reports;
using PerfMonitor.Alerting.Routing;
using PerfMonitor.Alerting.RuleFiles;
using PerfMonitor.Alerting.Rules;
using PerfMonitor.Alerting.Silences;
using PerfMonitor.Alerting.Slos;
using PerfMonitor.Alerting.State;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapAlertRulesApi();
app.MapRuleFilesApi();
app.MapAlertsApi();
app.MapAcknowledgementsApi();
app.MapSilencesApi();
app.MapSlosApi();
app.MapReportsApi();
app.MapNotificationsApi();
app.MapReceiversApi();
app.MapRoutingApi();
app.MapGrpcService<AlertsGrpcService>();

app.Run();
