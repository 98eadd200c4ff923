using PerfMonitor.AppHost;
using PerfMonitor.AppHost.Resources;

var builder = WebApplication.CreateBuilder(args);

builder.AddOrchestration();

var app = builder.Build();

app.MapResourcesPage();

app.Run();
