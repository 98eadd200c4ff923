using Mono.Cecil;
using Mono.Cecil.Cil;

namespace PerfMonitor.Architecture.Tests;

/// <summary>
/// Every type a type uses, as its compiled code says: base type, interfaces, generic constraints, attributes, member
/// signatures, and in each method body the locals, caught exceptions and every type, method and field an instruction names.
/// A dependency that only a method body has (a <c>new</c>, a static call) counts as much as one in a signature.
/// </summary>
public static class TypeReferences
{
    public static IEnumerable<TypeReference> Of(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        Add(found, type.BaseType);
        foreach (var implemented in type.Interfaces)
        {
            Add(found, implemented.InterfaceType);
        }
        AddGenericParameters(found, type);
        AddAttributes(found, type);
        foreach (var field in type.Fields)
        {
            Add(found, field.FieldType);
            AddAttributes(found, field);
        }
        foreach (var property in type.Properties)
        {
            Add(found, property.PropertyType);
            AddAttributes(found, property);
        }
        foreach (var @event in type.Events)
        {
            Add(found, @event.EventType);
        }
        foreach (var method in type.Methods)
        {
            AddMethod(found, method);
        }
        return found;
    }

    private static void AddMethod(List<TypeReference> found, MethodDefinition method)
    {
        Add(found, method.ReturnType);
        foreach (var parameter in method.Parameters)
        {
            Add(found, parameter.ParameterType);
            AddAttributes(found, parameter);
        }
        AddGenericParameters(found, method);
        AddAttributes(found, method);
        if (!method.HasBody)
        {
            return;
        }
        foreach (var variable in method.Body.Variables)
        {
            Add(found, variable.VariableType);
        }
        foreach (var handler in method.Body.ExceptionHandlers)
        {
            Add(found, handler.CatchType);
        }
        foreach (var instruction in method.Body.Instructions)
        {
            AddOperand(found, instruction);
        }
    }

    private static void AddOperand(List<TypeReference> found, Instruction instruction)
    {
        switch (instruction.Operand)
        {
            case TypeReference type:
                Add(found, type);
                break;
            case GenericInstanceMethod generic:
                AddMember(found, generic);
                foreach (var argument in generic.GenericArguments)
                {
                    Add(found, argument);
                }
                break;
            case MethodReference method:
                AddMember(found, method);
                break;
            case FieldReference field:
                Add(found, field.DeclaringType);
                Add(found, field.FieldType);
                break;
        }
    }

    private static void AddMember(List<TypeReference> found, MethodReference method)
    {
        Add(found, method.DeclaringType);
        Add(found, method.ReturnType);
        foreach (var parameter in method.Parameters)
        {
            Add(found, parameter.ParameterType);
        }
    }

    private static void AddGenericParameters(List<TypeReference> found, IGenericParameterProvider provider)
    {
        foreach (var parameter in provider.GenericParameters)
        {
            foreach (var constraint in parameter.Constraints)
            {
                Add(found, constraint.ConstraintType);
            }
        }
    }

    private static void AddAttributes(List<TypeReference> found, ICustomAttributeProvider provider)
    {
        foreach (var attribute in provider.CustomAttributes)
        {
            Add(found, attribute.AttributeType);
            // typeof(X) in an attribute's arguments is a use of X too.
            foreach (var argument in ArgumentsOf(attribute))
            {
                Add(found, argument.Value as TypeReference);
            }
        }
    }

    /// <summary>
    /// An attribute's arguments. Reading them needs the assembly of any enum they hold (LogLevel, say); when that cannot be
    /// found the arguments are skipped: an enum's assembly is never one of the service's own namespaces.
    /// </summary>
    private static IEnumerable<CustomAttributeArgument> ArgumentsOf(CustomAttribute attribute)
    {
        try
        {
            return [.. attribute.ConstructorArguments, .. attribute.Properties.Select(p => p.Argument), .. attribute.Fields.Select(f => f.Argument)];
        }
        catch (AssemblyResolutionException)
        {
            return [];
        }
    }

    /// <summary>A type and, for an array, a by-ref or a generic instance, the types it is made of.</summary>
    private static void Add(List<TypeReference> found, TypeReference? type)
    {
        switch (type)
        {
            case null or GenericParameter:
                return;
            case GenericInstanceType generic:
                Add(found, generic.ElementType);
                foreach (var argument in generic.GenericArguments)
                {
                    Add(found, argument);
                }
                return;
            case TypeSpecification specification:
                Add(found, specification.ElementType);
                return;
            default:
                found.Add(type);
                return;
        }
    }
}
