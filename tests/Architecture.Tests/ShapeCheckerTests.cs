using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Architecture.Tests;

/// <summary>The checks themselves, on small assemblies and sources made here, so a pass on a service means something.</summary>
public sealed class ShapeCheckerTests : IDisposable
{
    private readonly TempFolder folder = new("shape-checker");

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_cycle_made_only_by_a_method_body_is_found_and_a_one_way_use_is_not()
    {
        var assembly = Compile("""
            namespace Shop.Orders { public class Order { public object Ship() => new Shop.Shipping.Parcel(); } }
            namespace Shop.Shipping { public class Parcel { public Shop.Orders.Order? For { get; set; } } }
            namespace Shop.Billing { public class Invoice { public Shop.Orders.Order? Order { get; set; } } }
            """);

        var graph = NamespaceGraph.Read(assembly);

        var cycle = Assert.Single(graph.Cycles());
        Assert.Equal(["Shop.Orders", "Shop.Shipping"], cycle);
        Assert.Contains("Shop.Orders -> Shop.Shipping: Order -> Parcel", graph.Explain(cycle), StringComparison.Ordinal);
        Assert.True(graph.Uses("Shop.Billing", "Shop.Orders"));
    }

    [Fact]
    public void A_use_inside_a_lambda_or_an_async_method_counts_for_the_type_that_wrote_it()
    {
        var assembly = Compile("""
            namespace App.Jobs { public class Job { public System.Func<object> Later() => () => App.Store.Row.Make(); } }
            namespace App.Store
            {
                public class Row { public static Row Make() => new(); }
                public class Writer { public async System.Threading.Tasks.Task RunAsync() { await System.Threading.Tasks.Task.Yield(); _ = new App.Jobs.Job(); } }
            }
            """);

        Assert.Equal(["App.Jobs", "App.Store"], Assert.Single(NamespaceGraph.Read(assembly).Cycles()));
    }

    [Fact]
    public void Only_constructors_of_classes_and_structs_are_counted_not_records()
    {
        var assembly = Compile("""
            namespace S
            {
                public sealed class Busy(int a, int b, int c, int d, int e, int f, int g) { public int Sum => a + b + c + d + e + f + g; }
                public sealed class Fine(int a, int b, int c, int d, int e, int f) { public int Sum => a + b + c + d + e + f; }
                public sealed record Row(int A, int B, int C, int D, int E, int F, int G);
                public readonly record struct Point(int A, int B, int C, int D, int E, int F, int G);
            }
            """);

        var over = Constructors.In(assembly).Where(c => c.Parameters > ServiceShapeTests.MaxConstructorParameters).Select(c => c.Type).Distinct();

        Assert.Equal(["S.Busy"], over);
    }

    [Fact]
    public void A_types_lines_run_from_its_declaration_to_its_closing_brace_and_partial_parts_add_up()
    {
        var body = string.Join("\n", Enumerable.Range(0, 248).Select(i => $"    public int F{i};"));
        File.WriteAllText(Path.Combine(folder.Path, "Big.cs"), $"namespace N;\n\n/// <summary>Doc.</summary>\npublic partial class Big\n{{\n{body}\n}}\n");
        File.WriteAllText(Path.Combine(folder.Path, "Big.Log.cs"), "namespace N;\n\npublic partial class Big\n{\n    public sealed class Inner\n    {\n    }\n}\n");
        Directory.CreateDirectory(Path.Combine(folder.Path, "obj"));
        File.WriteAllText(Path.Combine(folder.Path, "obj", "Copy.cs"), $"namespace N;\n\npublic class Copy\n{{\n{body}\n}}\n");

        var lines = SourceTypes.LinesIn(folder.Path);

        Assert.Equal(251 + 6, lines["N.Big"]);
        Assert.Equal(3, lines["N.Big+Inner"]);
        Assert.False(lines.ContainsKey("N.Copy"));
    }

    private string Compile(string source)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create($"Sample{Guid.NewGuid():N}", [CSharpSyntaxTree.ParseText(source)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var path = Path.Combine(folder.Path, compilation.AssemblyName + ".dll");
        var result = compilation.Emit(path);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
        return path;
    }
}
