using System.Numerics;
using LanguageExt;

namespace PureNet;

public static partial class Fn
{
    /// <summary>Evaluates an expression in precision T (float or double) with variables bound by name.</summary>
    public static Tensor<T> Evaluate<T>(this Expr e, HashMap<string, Tensor<T>> bindings) where T : unmanaged, IFloatingPointIeee754<T> =>
        Plan.Compile(Guard.NotNull(e, "Evaluate")).Run(NoNullValues(bindings, "Evaluate"))[0];

    public static Tensor<T> Evaluate<T>(this Expr e, params (string Name, Tensor<T> Value)[] bindings) where T : unmanaged, IFloatingPointIeee754<T> =>
        Guard.NotNull(e, "Evaluate").Evaluate(Bind(bindings));

    /// <summary>Evaluates several expressions in one pass, sharing their common subexpressions.</summary>
    public static Seq<Tensor<T>> EvaluateAll<T>(IEnumerable<Expr> roots, HashMap<string, Tensor<T>> bindings) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var all = Guard.NoNulls(Guard.NotNull(roots, "EvaluateAll").ToArray(), "EvaluateAll", nameof(roots));
        if (all.Length == 0) throw new ArgumentException("EvaluateAll: roots is empty; give at least one expression to evaluate.", nameof(roots));
        return Plan.Compile(all).Run(NoNullValues(bindings, "EvaluateAll"));
    }

    /// <summary>Bindings from (name, value) pairs; a repeated name, a null name or a null value throws.</summary>
    public static HashMap<string, Tensor<T>> Bind<T>(params (string Name, Tensor<T> Value)[] bindings) where T : unmanaged, IFloatingPointIeee754<T> =>
        Guard.NotNull(bindings, "Bind").Aggregate(HashMap<string, Tensor<T>>.Empty, (m, b) =>
            b.Name is null ? throw new ArgumentNullException(nameof(bindings), "Bind: a binding has a null name; every binding needs a variable name.")
            : b.Value is null ? throw new ArgumentNullException(nameof(bindings), $"Bind: variable '{b.Name}' is bound to null; bind a tensor.")
            : m.ContainsKey(b.Name) ? throw new ArgumentException($"Bind: variable '{b.Name}' is bound twice.", nameof(bindings))
            : m.Add(b.Name, b.Value));

    static HashMap<string, Tensor<T>> NoNullValues<T>(HashMap<string, Tensor<T>> bindings, string function) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var (name, value) in bindings)
            if (value is null) throw new ArgumentNullException(nameof(bindings), $"{function}: variable '{name}' is bound to null; bind a tensor.");
        return bindings;
    }
}
