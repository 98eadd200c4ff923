using Mono.Cecil;

namespace PerfMonitor.Architecture.Tests;

/// <summary>
/// The constructors of an assembly's classes and structs with their parameter counts, read from the compiled assembly.
/// Records are left out: their parameters are the data they carry (a view, a row, an event), not dependencies a
/// constructor is handed. So are types the compiler made.
/// </summary>
public static class Constructors
{
    public static IEnumerable<(string Type, int Parameters)> In(string assemblyPath)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        return [.. from type in module.GetTypes()
                   where !CompilerMade.IsType(type) && !IsRecord(type)
                   from constructor in type.Methods
                   where constructor.IsConstructor && !constructor.IsStatic
                   select (type.FullName, constructor.Parameters.Count)];
    }

    /// <summary>The compiler gives every record, class or struct, a PrintMembers of its own making.</summary>
    private static bool IsRecord(TypeDefinition type) =>
        type.Methods.Any(m => m.Name == "PrintMembers" && CompilerMade.Is(m));
}
