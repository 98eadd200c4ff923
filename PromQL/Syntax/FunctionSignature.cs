namespace PerfMonitor.PromQL.Syntax;

/// <summary>
/// A function's argument and return types. <see cref="OptionalArguments"/> counts how many trailing arguments
/// may be left out (-1: the last one repeats without limit), as Prometheus's <c>Variadic</c> does.
/// </summary>
public sealed record FunctionSignature(string Name, IReadOnlyList<ExprType> ArgumentTypes, ExprType ReturnType, int OptionalArguments = 0)
{
    public int MinArguments => OptionalArguments == 0 ? ArgumentTypes.Count : ArgumentTypes.Count - 1;

    public int? MaxArguments => OptionalArguments switch
    {
        0 => ArgumentTypes.Count,
        < 0 => null,
        _ => ArgumentTypes.Count - 1 + OptionalArguments,
    };

    public ExprType ArgumentType(int index) => ArgumentTypes[Math.Min(index, ArgumentTypes.Count - 1)];
}
