using PerfMonitor.Gateway.Extensions;
using PerfMonitor.Gateway.Grpc;
using PerfMonitor.Gateway.OpenApi;
using PerfMonitor.Gateway.Overview;
using PerfMonitor.Gateway.Routing;
using PerfMonitor.Gateway.SignIn;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseGatewayPipeline();
app.MapDefaultEndpoints();
app.MapLogin();
app.MapOverviewApi();
app.MapGatewayOpenApi();
app.MapGatewayGrpc();
app.MapReverseProxy(proxy => proxy.UseDownstreamProblems()).WithRouteTableEntries();
app.WarnWithoutKeys();

app.Run();
