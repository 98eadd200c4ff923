using PerfMonitor.Collector.Extensions;
using PerfMonitor.Collector.Ingestion;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapSamplesApi();
app.MapGrpcService<IngestGrpcService>();

app.Run();
