using PerfMonitor.Analytics.Extensions;
using PerfMonitor.Analytics.Queries;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapRollupsApi();

app.Run();
