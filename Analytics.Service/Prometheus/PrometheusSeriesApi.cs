using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PerfMonitor.Analytics.Queries;
using PerfMonitor.PromQL.Model;

namespace PerfMonitor.Analytics.Prometheus;

/// <summary>
/// Prometheus's metadata endpoints: <c>/api/v1/series</c> (GET is shared with the analytics series listing, see
/// <see cref="SeriesApi"/>), <c>/api/v1/labels</c>, <c>/api/v1/label/{name}/values</c>, <c>/api/v1/metadata</c> and
/// <c>/api/v1/status/buildinfo</c>.
/// </summary>
public static partial class PrometheusSeriesApi
{
    public static IEndpointRouteBuilder MapPrometheusSeriesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/series", SeriesAsync);
        app.MapMethods("/api/v1/labels", [HttpMethods.Get, HttpMethods.Post], LabelsAsync);
        app.MapGet("/api/v1/label/{name}/values", LabelValuesAsync);
        app.MapGet("/api/v1/metadata", MetadataAsync);
        app.MapGet("/api/v1/status/buildinfo", BuildInfo);
        return app;
    }

    /// <summary>The series the <c>match[]</c> selectors select, as label sets.</summary>
    public static async Task<IResult> SeriesAsync(HttpRequest http, SeriesCatalog catalog, CancellationToken cancellationToken)
    {
        var request = await PromRequest.ReadAsync(http, cancellationToken);
        var texts = request.All("match[]");
        if (texts.Count == 0)
        {
            return PromResults.Error(PromResults.BadData, "no match[] parameter provided");
        }
        if (!MatchSelectors.TryParse(texts, out var selectors, out var error))
        {
            return PromResults.BadParameter("match[]", error);
        }
        if (!TryRange(request, out var refused))
        {
            return refused;
        }
        return await PromResults.RunAsync(async () =>
            PromResults.Success((await catalog.SeriesAsync(selectors, cancellationToken)).Select(s => s.Labels.ToDictionary()).ToList()), QueryFields.PromSeries, "match[]");
    }

    private static async Task<IResult> LabelsAsync(HttpRequest http, SeriesCatalog catalog, CancellationToken cancellationToken)
    {
        var request = await PromRequest.ReadAsync(http, cancellationToken);
        if (!MatchSelectors.TryParse(request.All("match[]"), out var selectors, out var error))
        {
            return PromResults.Error(PromResults.BadData, error);
        }
        if (!TryRange(request, out var refused))
        {
            return refused;
        }
        return await PromResults.RunAsync(async () => PromResults.Success(await catalog.LabelNamesAsync(selectors, cancellationToken)), QueryFields.PromSeries, "match[]");
    }

    private static async Task<IResult> LabelValuesAsync(string name, HttpRequest http, SeriesCatalog catalog, CancellationToken cancellationToken)
    {
        if (!LabelName().IsMatch(name))
        {
            return PromResults.Error(PromResults.BadData, $"invalid label name: \"{name}\"");
        }
        var request = await PromRequest.ReadAsync(http, cancellationToken);
        if (!MatchSelectors.TryParse(request.All("match[]"), out var selectors, out var error))
        {
            return PromResults.Error(PromResults.BadData, error);
        }
        if (!TryRange(request, out var refused))
        {
            return refused;
        }
        return await PromResults.RunAsync(
            async () => PromResults.Success(await catalog.LabelValuesAsync(name, selectors, cancellationToken)), QueryFields.PromSeries, "match[]");
    }

    private static async Task<IResult> MetadataAsync(HttpRequest http, SeriesCatalog catalog, CancellationToken cancellationToken)
    {
        var request = await PromRequest.ReadAsync(http, cancellationToken);
        int? limit = null;
        if (request.Get("limit") is { Length: > 0 } text)
        {
            if (!int.TryParse(text, out var parsed))
            {
                return PromResults.Error(PromResults.BadData, "limit must be a number");
            }
            limit = parsed;
        }
        var metric = request.Get("metric") is { Length: > 0 } name ? name : null;
        return await PromResults.RunAsync(async () => PromResults.Success(await catalog.MetadataAsync(metric, limit, cancellationToken)), QueryFields.PromSeries);
    }

    private static IResult BuildInfo(IOptions<PrometheusApiOptions> options) => PromResults.Success(new BuildInfo(
        options.Value.Version,
        typeof(PrometheusSeriesApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "",
        "",
        "perfmonitor",
        "",
        $".NET {Environment.Version}"));

    /// <summary>start and end as Prometheus takes them. They narrow nothing: PerfMonitor keeps no time index of its series.</summary>
    private static bool TryRange(PromRequest request, out IResult refused)
    {
        refused = Results.Empty;
        foreach (var name in new[] { "start", "end" })
        {
            if (request.Get(name) is not { Length: > 0 } text)
            {
                continue;
            }
            if (!PromParameters.TryParseTime(text, out _))
            {
                refused = PromResults.BadParameter(name, $"Invalid time value for '{name}': cannot parse \"{text}\" to a valid timestamp");
                return false;
            }
        }
        return true;
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}
