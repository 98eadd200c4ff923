namespace PerfMonitor.Analytics.Prometheus;

/// <summary>
/// A request's parameters as Prometheus reads them: from the URL, or from an <c>application/x-www-form-urlencoded</c>
/// body, which wins when both name the same parameter (Go's FormValue).
/// </summary>
public sealed class PromRequest
{
    private readonly IQueryCollection query;
    private readonly IFormCollection? form;

    private PromRequest(IQueryCollection query, IFormCollection? form)
    {
        this.query = query;
        this.form = form;
    }

    public static async Task<PromRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        new(request.Query, request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null);

    /// <summary>The parameter's first value, null when it is not given.</summary>
    public string? Get(string name) =>
        form is not null && form.TryGetValue(name, out var posted) ? posted.FirstOrDefault() ?? "" : query.TryGetValue(name, out var value) ? value.FirstOrDefault() ?? "" : null;

    /// <summary>Every value of a repeated parameter such as <c>match[]</c>: the body's, then the URL's.</summary>
    public IReadOnlyList<string> All(string name) =>
        [.. (form is not null && form.TryGetValue(name, out var posted) ? posted : default).Concat(query.TryGetValue(name, out var value) ? value : default).OfType<string>()];
}
