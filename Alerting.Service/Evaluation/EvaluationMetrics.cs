using System.Diagnostics.Metrics;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// What evaluation counts (Meter "PerfMonitor.Alerting"): samples read and evaluated, records skipped, state changes,
/// expr rule evaluations.
/// </summary>
public sealed class EvaluationMetrics
{
    private readonly Counter<long> transitions;
    private readonly Counter<long> samplesRead;
    private readonly Counter<long> samplesEvaluated;
    private readonly Counter<long> recordsSkipped;
    private readonly Counter<long> exprEvaluations;

    public EvaluationMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(AlertingMeter.Name);
        transitions = meter.CreateCounter<long>("perfmon.alerting.alert.transitions", "{transition}", "Alert state changes by rule kind and new state");
        samplesRead = meter.CreateCounter<long>("perfmon.alerting.samples.read", "{sample}", "Samples read from perfmon.samples.v1");
        samplesEvaluated = meter.CreateCounter<long>("perfmon.alerting.samples.evaluated", "{sample}", "Samples whose metric some enabled rule names");
        recordsSkipped = meter.CreateCounter<long>("perfmon.alerting.records.skipped", "{record}", "Sample records skipped as malformed");
        exprEvaluations = meter.CreateCounter<long>("perfmon.alerting.expr.evaluations", "{evaluation}", "Evaluations of expr rules by outcome (ok, failed)");
    }

    public void SamplesRead(int read, int evaluated)
    {
        samplesRead.Add(read);
        samplesEvaluated.Add(evaluated);
    }

    public void RecordSkipped() => recordsSkipped.Add(1);

    public void ExprEvaluated(bool ok) => exprEvaluations.Add(1, new KeyValuePair<string, object?>("outcome", ok ? "ok" : "failed"));

    public void Transitioned(string kind, string state) => transitions.Add(1, new("kind", kind), new("state", state));
}
