using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.PromQL.Evaluation.Functions;

/// <summary>How a function is evaluated, and which bucket fields it reads from a range selector argument.</summary>
internal sealed record FunctionDefinition(string Name, BucketFields Needs, Func<FunctionCall, StepValue> Body);
