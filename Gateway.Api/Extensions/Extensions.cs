using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PerfMonitor.Gateway.Access;
using PerfMonitor.Gateway.Grpc;
using PerfMonitor.Gateway.Ingress;
using PerfMonitor.Gateway.Limits;
using PerfMonitor.Gateway.OpenApi;
using PerfMonitor.Gateway.Overview;
using PerfMonitor.Gateway.Probes;
using PerfMonitor.Gateway.Routing;
using PerfMonitor.Gateway.Security;
using PerfMonitor.Gateway.SignIn;
using Yarp.ReverseProxy.Configuration;

namespace PerfMonitor.Gateway.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Keys may also come from a mounted secret folder, one file per setting (ApiKeys__<name>__Key).
        var secrets = builder.Configuration[$"{AccessOptions.Section}:SecretsDirectory"] ?? new AccessOptions().SecretsDirectory;
        builder.Configuration.AddKeyPerFile(secrets, optional: true);

        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddIngress();
        builder.Services.AddAccess();
        builder.Services.AddLimits();
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(builder.Configuration.GetSection($"{AccessOptions.Section}:CorsOrigins").Get<string[]>() ?? [])
            .WithHeaders(AccessOptions.HeaderName, HeaderNames.Authorization, HeaderNames.ContentType)
            .WithMethods("GET", "POST", "PUT", "DELETE")
            .WithExposedHeaders("Retry-After")));

        builder.UseInlineSocketScheduling();
        builder.Services.AddRequestTimeouts();
        builder.Services.AddValidatedOptions<RouteTimeoutOptions>(RouteTimeoutOptions.Section);
        builder.Services.AddSingleton<IProxyConfigProvider, ServiceRouteProvider>();
        builder.Services.AddReverseProxy();
        builder.Services.AddHealthProbes();
        builder.Services.AddGatewayGrpc();
        builder.Services.AddGatewayOpenApi();

        builder.Services.AddOverview();
    }

    /// <summary>
    /// Every request here awaits the proxy or a service and never blocks, so socket completions and Kestrel's reads run on
    /// the I/O thread instead of being handed to the thread pool each time (a proxy adds two hops, each with hand-offs).
    /// Measured in docs/api.md (Gateway overhead): lower added latency with it, on a machine too noisy to say how much is its.
    /// <c>Gateway:InlineScheduling</c> false turns it off.
    /// </summary>
    private static void UseInlineSocketScheduling(this IHostApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue("Gateway:InlineScheduling", true))
        {
            return;
        }
        // The runtime reads this once, when the first socket is created, which happens only after start-up.
        if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
        {
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
        }
        builder.Services.Configure<SocketTransportOptions>(sockets => sockets.UnsafePreferInlineScheduling = true);
    }

    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Keys (validated at start), dashboard sessions and the one-time sign-in link.</summary>
    private static void AddAccess(this IServiceCollection services)
    {
        services.AddOptions<ApiKeysOptions>().Configure<IConfiguration>((options, configuration) =>
            configuration.GetSection(ApiKeysOptions.Section).Bind(options.Keys)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiKeysOptions>, ApiKeysValidation>();
        services.AddValidatedOptions<AccessOptions>(AccessOptions.Section);
        services.AddSingleton<IValidateOptions<AccessOptions>, SignInTokenValidation>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<SessionCookie>();
        services.AddSingleton<SignInLink>();
        services.AddSingleton<SignInFlow>();
    }

    /// <summary>Per-key rate and concurrency limits, and the per-address limit on failed authentications.</summary>
    private static void AddLimits(this IServiceCollection services)
    {
        services.AddValidatedOptions<RateLimitOptions>(RateLimitOptions.Section);
        services.AddValidatedOptions<ConcurrencyLimitOptions>(ConcurrencyLimitOptions.Section);
        services.AddValidatedOptions<FailedAuthenticationOptions>(FailedAuthenticationOptions.Section);
        services.AddSingleton<FailedAuthentications>();
        services.AddPerKeyRateLimiting();
    }

    /// <summary>Forwarded headers, security headers, CORS, keys and limits run before anything is served or forwarded.</summary>
    public static WebApplication UseGatewayPipeline(this WebApplication app)
    {
        app.UseIngress();
        app.UseMiddleware<SecurityHeaders>();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseCors();
        app.UseMiddleware<AccessControl>();
        app.UseRateLimiter();
        app.UseMiddleware<ConcurrencyLimits>();
        app.UseRequestTimeouts();
        app.Use(IngestMeter.Middleware(app.Services.GetRequiredService<IngestMeter>()));
        return app;
    }

    /// <summary>Logs once at start how many keys are configured (never the keys).</summary>
    public static WebApplication WarnWithoutKeys(this WebApplication app)
    {
        var count = app.Services.GetRequiredService<ApiKeyStore>().Count;
        if (count == 0)
        {
            app.Logger.LogWarning("No API keys are configured (ApiKeys:<name>:Key): every API route answers 401");
        }
        else
        {
            app.Logger.LogInformation("{Count} API key(s) configured", count);
        }
        return app;
    }
}
