namespace PerfMonitor.PromQL.Syntax;

/// <summary>The functions this engine evaluates, with Prometheus's signatures.</summary>
public static class FunctionCatalog
{
    private const ExprType Scalar = ExprType.Scalar;
    private const ExprType Str = ExprType.String;
    private const ExprType Vector = ExprType.Vector;
    private const ExprType Matrix = ExprType.Matrix;

    private static readonly FunctionSignature[] Supported =
    [
        new("abs", [Vector], Vector),
        new("absent", [Vector], Vector),
        new("avg_over_time", [Matrix], Vector),
        new("ceil", [Vector], Vector),
        new("clamp", [Vector, Scalar, Scalar], Vector),
        new("clamp_max", [Vector, Scalar], Vector),
        new("clamp_min", [Vector, Scalar], Vector),
        new("count_over_time", [Matrix], Vector),
        new("delta", [Matrix], Vector),
        new("deriv", [Matrix], Vector),
        new("exp", [Vector], Vector),
        new("floor", [Vector], Vector),
        new("histogram_quantile", [Scalar, Vector], Vector),
        new("idelta", [Matrix], Vector),
        new("increase", [Matrix], Vector),
        new("irate", [Matrix], Vector),
        new("label_join", [Vector, Str, Str, Str], Vector, -1),
        new("label_replace", [Vector, Str, Str, Str, Str], Vector),
        new("last_over_time", [Matrix], Vector),
        new("ln", [Vector], Vector),
        new("log10", [Vector], Vector),
        new("log2", [Vector], Vector),
        new("max_over_time", [Matrix], Vector),
        new("min_over_time", [Matrix], Vector),
        new("present_over_time", [Matrix], Vector),
        new("quantile_over_time", [Scalar, Matrix], Vector),
        new("rate", [Matrix], Vector),
        new("round", [Vector, Scalar], Vector, 1),
        new("scalar", [Vector], Scalar),
        new("sgn", [Vector], Vector),
        new("sort", [Vector], Vector),
        new("sort_desc", [Vector], Vector),
        new("sqrt", [Vector], Vector),
        new("sum_over_time", [Matrix], Vector),
        new("time", [], Scalar),
        new("vector", [Scalar], Vector),
    ];

    /// <summary>Prometheus functions this engine does not evaluate: a query naming one is refused with bad_data.</summary>
    private static readonly HashSet<string> KnownUnsupported =
    [
        "absent_over_time", "acos", "acosh", "asin", "asinh", "atan", "atanh", "changes", "cos", "cosh", "day_of_month",
        "day_of_week", "day_of_year", "days_in_month", "deg", "holt_winters", "hour", "histogram_count", "histogram_fraction",
        "histogram_sum", "minute", "month", "pi", "predict_linear", "rad", "resets", "sin", "sinh", "stddev_over_time",
        "stdvar_over_time", "tan", "tanh", "timestamp", "year", "double_exponential_smoothing", "histogram_avg",
        "histogram_stddev", "histogram_stdvar", "mad_over_time", "sort_by_label", "sort_by_label_desc", "info", "limitk",
        "limit_ratio", "first_over_time", "ts_of_min_over_time", "ts_of_max_over_time", "ts_of_last_over_time",
    ];

    private static readonly Dictionary<string, FunctionSignature> ByName = Supported.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public static IReadOnlyCollection<FunctionSignature> All => Supported;

    public static bool TryGet(string name, out FunctionSignature signature) => ByName.TryGetValue(name, out signature!);

    public static bool IsPrometheusFunction(string name) => KnownUnsupported.Contains(name);
}
