using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.PromQL.Evaluation.Functions;

/// <summary>
/// How a function is evaluated, and which bucket fields it reads from a range selector argument; <see cref="Window"/>
/// for a function of one range vector, which range queries evaluate series by series over all steps.
/// </summary>
internal sealed record FunctionDefinition(string Name, BucketFields Needs, Func<FunctionCall, StepValue> Body, RangeFunctionSpec? Window = null);
