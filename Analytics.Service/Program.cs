using PerfMonitor.Analytics.Health;
using PerfMonitor.Analytics.Anomalies;
using PerfMonitor.Analytics.Grpc;
using PerfMonitor.Analytics.Extensions;
using PerfMonitor.Analytics.Performance;
using PerfMonitor.Analytics.Queries;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapRollupsApi();
app.MapSeriesApi();
app.MapPerformanceApi();
app.MapAnomaliesApi();
app.MapHealthScoresApi();
app.MapGrpcService<QueryGrpcService>();

app.Run();
