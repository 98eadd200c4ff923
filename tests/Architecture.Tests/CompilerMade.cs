using Mono.Cecil;

namespace PerfMonitor.Architecture.Tests;

/// <summary>What the compiler made rather than a person wrote: closures, state machines, anonymous and file-local types.</summary>
public static class CompilerMade
{
    public static bool Is(ICustomAttributeProvider member) =>
        member.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.CompilerGeneratedAttribute");

    /// <summary>The type or one it is nested in was made by the compiler (its name starts with '&lt;', or it says so).</summary>
    public static bool IsType(TypeDefinition type)
    {
        for (var current = type; current is not null; current = current.DeclaringType)
        {
            if (current.Name.StartsWith('<') || Is(current))
            {
                return true;
            }
        }
        return false;
    }
}
