using PerfMonitor.Gateway.Extensions;
using PerfMonitor.Gateway.Routing;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapReverseProxy(proxy => proxy.UseDownstreamProblems());

app.Run();
