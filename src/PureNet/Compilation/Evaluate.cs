using System.Numerics;
using LanguageExt;

namespace PureNet;

public static partial class Fn
{
    /// <summary>Evaluates an expression in precision T (float or double) with variables bound by name.</summary>
    public static Tensor<T> Evaluate<T>(this Expr e, HashMap<string, Tensor<T>> bindings) where T : unmanaged, IFloatingPointIeee754<T> =>
        Plan.Compile(e).Run(bindings)[0];

    public static Tensor<T> Evaluate<T>(this Expr e, params (string Name, Tensor<T> Value)[] bindings) where T : unmanaged, IFloatingPointIeee754<T> =>
        e.Evaluate(Bind(bindings));

    /// <summary>Evaluates several expressions in one pass, sharing their common subexpressions.</summary>
    public static Seq<Tensor<T>> EvaluateAll<T>(Seq<Expr> roots, HashMap<string, Tensor<T>> bindings) where T : unmanaged, IFloatingPointIeee754<T> =>
        Plan.Compile(roots).Run(bindings);

    /// <summary>Bindings from (name, value) pairs; a repeated name throws.</summary>
    public static HashMap<string, Tensor<T>> Bind<T>(params (string Name, Tensor<T> Value)[] bindings) where T : unmanaged, IFloatingPointIeee754<T> =>
        bindings.Aggregate(HashMap<string, Tensor<T>>.Empty, (m, b) => m.ContainsKey(b.Name)
            ? throw new ArgumentException($"Bind: variable '{b.Name}' is bound twice.", nameof(bindings))
            : m.Add(b.Name, b.Value));
}
