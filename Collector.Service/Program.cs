using PerfMonitor.Collector.Extensions;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Collector.Otlp;
using PerfMonitor.Collector.Prometheus;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseRequestDecompression();
app.UseExceptionHandler();
app.MapDefaultEndpoints();
app.MapSamplesApi();
app.MapOtlpMetricsApi();
app.MapRemoteWriteApi();
app.MapGrpcService<IngestGrpcService>();
app.MapGrpcService<OtlpMetricsGrpcService>();

app.Run();
