using PerfMonitor.Alerting.Extensions;
using PerfMonitor.Alerting.Rules;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapAlertRulesApi();

app.Run();
