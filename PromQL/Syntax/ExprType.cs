namespace PerfMonitor.PromQL.Syntax;

/// <summary>The four PromQL value types, named as Prometheus documents them in errors.</summary>
public enum ExprType
{
    None,
    Scalar,
    String,
    Vector,
    Matrix,
}

public static class ExprTypeNames
{
    /// <summary>The name Prometheus uses in messages: "instant vector", "range vector", "scalar", "string".</summary>
    public static string Documented(this ExprType type) => type switch
    {
        ExprType.Vector => "instant vector",
        ExprType.Matrix => "range vector",
        ExprType.Scalar => "scalar",
        ExprType.String => "string",
        _ => "none",
    };
}
