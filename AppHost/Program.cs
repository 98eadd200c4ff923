using Microsoft.Extensions.DependencyInjection;
using PerfMonitor.AppHost;
using PerfMonitor.AppHost.Access;
using PerfMonitor.AppHost.Postgres;
using PerfMonitor.AppHost.Services;
using PerfMonitor.AppHost.Startup;
using PerfMonitor.Contracts;

var builder = DistributedApplication.CreateBuilder(args);
var options = AppHostOptions.Load(builder.Configuration);
builder.Services.AddSingleton(options);
var data = options.ResolveDataDirectory(builder.AppHostDirectory);
var access = GatewayAccess.Create(data);

var metricsdb = builder.AddMetricsDatabase(ResourceNames.MetricsDb, options, data);
var kafka = builder.AddKafkaBroker(ResourceNames.Kafka, options, offsetsDatabase: metricsdb);

// Services wait for Kafka to run, not to be healthy: one that crashes during a broker outage must come back (and
// spool what it accepts) without waiting for the broker.
// Each service logs in with its own role (deploy/k8s/infra/cnpg/service-roles.sql); the gateway needs no database.
var collector = builder.AddService<Projects.Collector_Service>(ResourceNames.Collector, options)
    .WithMetricsDb(metricsdb)
    .WithReference(kafka).WaitForStart(kafka)
    .WithEnvironment("Collector__SpoolPath", Path.Combine(data, "spool", ResourceNames.Collector));

var analytics = builder.AddService<Projects.Analytics_Service>(ResourceNames.Analytics, options)
    .WithMetricsDb(metricsdb)
    .WithReference(kafka).WaitForStart(kafka);

// Alerting asks analytics' PromQL API for `expr` rules; it does not wait for it, so stream rules evaluate regardless.
var alerting = builder.AddService<Projects.Alerting_Service>(ResourceNames.Alerting, options)
    .WithMetricsDb(metricsdb)
    .WithReference(kafka).WaitForStart(kafka)
    .WithReference(analytics)
    .WithEnvironment("Alerting__AllowPrivateWebhookTargets", options.AllowPrivateWebhookTargets ? "true" : "false");

var gateway = builder.AddService<Projects.Gateway_Api>(ResourceNames.Gateway, options, PortOrAny(options.GatewayHttpPort), PortOrAny(options.GatewayGrpcPort))
    .WithReference(collector).WaitFor(collector)
    .WithReference(analytics).WaitFor(analytics)
    .WithReference(alerting).WaitFor(alerting)
    .WithAccess(access)
    .WithStartupSummary(access);
alerting.WithPublicLinksTo(gateway);

foreach (var service in new[] { collector, analytics, alerting, gateway })
{
    service.WithSelfMonitoring(collector);
}

builder.Build().Run();

// 0 means any free port.
static int? PortOrAny(int port) => port == 0 ? null : port;
