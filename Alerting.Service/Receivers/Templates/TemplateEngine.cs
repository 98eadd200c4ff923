using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;
using Microsoft.Extensions.Options;

namespace PerfMonitor.Alerting.Receivers.Templates;

/// <summary>
/// Receivers' Fluid (Liquid) templates: checked when a receiver is saved, rendered with a statement budget, a time limit
/// and an output cap, so no template can stall a group round or grow a payload without bound. Templates see only the
/// model they are given (Fluid's default file provider finds no file for include and render).
/// </summary>
public sealed class TemplateEngine(IOptions<NotificationTemplateOptions> options)
{
    /// <summary>Parsed templates are kept by their text; past this many (templates edited over and over) the cache starts again.</summary>
    private const int MaxCachedTemplates = 512;

    /// <summary>Fluid's parser is thread-safe and meant to be shared.</summary>
    private static readonly FluidParser Parser = new();

    private readonly NotificationTemplateOptions limits = options.Value;
    private readonly ConcurrentDictionary<string, IFluidTemplate> parsed = new(StringComparer.Ordinal);
    private readonly TemplateOptions fluid = new TemplateOptionsBuilder()
        .WithCultureInfo(CultureInfo.InvariantCulture)
        .WithTimeZone(TimeZoneInfo.Utc)
        .WithMaxSteps(options.Value.MaxSteps)
        .WithMaxOutputSize(options.Value.MaxOutputChars)
        // A range such as (1..100000000) is materialized before a loop runs: no larger than the loop could ever walk.
        .WithMaxCollectionSize(options.Value.MaxSteps)
        .Build();

    /// <summary>Null when the template is usable, else why not (Fluid's own message, with line and column).</summary>
    public string? Check(string source)
    {
        if (source.Length > limits.MaxTemplateChars)
        {
            return $"is longer than {limits.MaxTemplateChars} characters";
        }
        return Parser.TryParse(source, out _, out var error) ? null : error;
    }

    public TemplateOutput Render(string source, IReadOnlyDictionary<string, object> model, TextEncoder encoder)
    {
        if (!parsed.TryGetValue(source, out var template))
        {
            if (!Parser.TryParse(source, out template, out var error))
            {
                return TemplateOutput.Failed(error);
            }
            if (parsed.Count >= MaxCachedTemplates)
            {
                parsed.Clear();
            }
            parsed[source] = template;
        }
        // Fluid checks the token at every statement, so even a render that writes nothing stops at the limit.
        using var timeout = new CancellationTokenSource(limits.RenderTimeout);
        var context = new TemplateContext(fluid) { CancellationToken = timeout.Token };
        foreach (var (name, value) in model)
        {
            context.SetValue(name, value);
        }
        try
        {
            var text = template.Render(context, encoder);
            return text.Length > limits.MaxOutputChars ? TemplateOutput.Failed($"wrote more than {limits.MaxOutputChars} characters") : new TemplateOutput(text, null);
        }
        catch (OperationCanceledException)
        {
            return TemplateOutput.Failed($"took longer than {limits.RenderTimeout.TotalMilliseconds:0} ms");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Fluid reports a runtime failure (too many statements, output too large, a filter's bad argument) as an
            // exception; the caller logs it and sends the default wording.
            return TemplateOutput.Failed(ex.Message);
        }
    }
}
