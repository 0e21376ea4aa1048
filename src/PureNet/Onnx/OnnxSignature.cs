using System.Collections.Immutable;
using LanguageExt;

namespace PureNet;

/// <summary>
/// What an exported graph takes: its inputs (the variables not bound as parameters, each with the open batch axis
/// first) and its parameters (initializers), with every rule checked and broken rules named: a variable neither
/// bound nor an input, a parameter the expression does not read or of the wrong shape, a graph without inputs.
/// </summary>
internal sealed record OnnxSignature(ImmutableArray<Variable> Inputs, ImmutableArray<Variable> Parameters)
{
    const string Function = "Onnx.Export";

    public static OnnxSignature Of<T>(Expr output, HashMap<string, Tensor<T>> parameters) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var variables = Graph.Variables(output).DistinctBy(v => v.Name).ToImmutableArray();
        var inputs = ImmutableArray.CreateBuilder<Variable>();
        var bound = ImmutableArray.CreateBuilder<Variable>();
        foreach (var v in variables)
        {
            if (parameters.Find(v.Name).Case is Tensor<T> value)
            {
                if (value.Shape != v.Shape)
                    throw new ShapeException($"{Function}: parameter '{v.Name}' has shape {value.Shape}, but the expression reads it as {v.Shape}; a parameter's value must have its variable's shape.");
                bound.Add(v);
            }
            else if (v.Shape.Rank >= 1 && v.Shape[0] == Dim.Batch && !v.Shape.Skip(1).Contains(Dim.Batch))
                inputs.Add(v);
            else
                throw new ArgumentException(
                    $"{Function}: variable '{v.Name}' {v.Shape} is not bound in parameters and is not an input; bind it in parameters (it becomes an initializer), " +
                    "or give it Dim.Batch as its first axis, and only there, to make it an input of the graph.", nameof(parameters));
        }
        var read = variables.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var extra = parameters.Keys.Where(k => !read.Contains(k)).Order(StringComparer.Ordinal).ToArray();
        if (extra.Length > 0)
            throw new ArgumentException(
                $"{Function}: parameters {string.Join(", ", extra.Take(5).Select(k => $"'{k}'"))}{(extra.Length > 5 ? $" and {extra.Length - 5} more" : "")} " +
                $"are not read by the expression; pass only the parameters it reads ({(bound.Count == 0 ? "it reads none" : string.Join(", ", bound.Select(v => $"'{v.Name}'")))}).",
                nameof(parameters));
        if (inputs.Count == 0)
            throw new ArgumentException(
                $"{Function}: the expression has no input: every variable it reads is bound in parameters ({string.Join(", ", variables.Select(v => $"'{v.Name}'"))}); " +
                "an exported graph needs at least one variable left unbound, with Dim.Batch as its first axis.", nameof(output));
        return new(inputs.ToImmutable(), bound.ToImmutable());
    }
}
