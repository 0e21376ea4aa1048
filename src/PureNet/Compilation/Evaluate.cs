using System.Numerics;
using LanguageExt;

namespace PureNet;

public static partial class Fn
{
    /// <summary>
    /// Evaluates an expression in precision <typeparamref name="T"/> (float or double) with variables bound by name:
    /// compiles a <see cref="Plan"/> and runs it once. Bindings for names the expression does not read are ignored.
    /// </summary>
    /// <typeparam name="T">The precision of the evaluation: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="e">The expression to evaluate.</param>
    /// <param name="bindings">Variable name → value; every variable of <paramref name="e"/> must be bound.</param>
    /// <returns>The value of <paramref name="e"/>, with a batch axis of the size the bindings give it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null, or a binding's value is null.</exception>
    /// <exception cref="ArgumentException">A variable is not bound, is bound to a tensor of another rank or size, or the bound batch sizes differ.</exception>
    public static Tensor<T> Evaluate<T>(this Expr e, HashMap<string, Tensor<T>> bindings) where T : unmanaged, IFloatingPointIeee754<T> =>
        Plan.Compile(Guard.NotNull(e, "Evaluate")).Run(NoNullValues(bindings, "Evaluate"))[0];

    /// <summary>Evaluates an expression with variables bound as (name, value) pairs: <c>loss.Evaluate(("x", xs), ("w", ws))</c>.</summary>
    /// <typeparam name="T">The precision of the evaluation: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="e">The expression to evaluate.</param>
    /// <param name="bindings">(variable name, value) pairs, each name once.</param>
    /// <returns>The value of <paramref name="e"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> or <paramref name="bindings"/> is null, or a binding's name or value is null.</exception>
    /// <exception cref="ArgumentException">A name is bound twice, a variable is not bound, is bound to a tensor of another rank or size, or the bound batch sizes differ.</exception>
    public static Tensor<T> Evaluate<T>(this Expr e, params (string Name, Tensor<T> Value)[] bindings) where T : unmanaged, IFloatingPointIeee754<T> =>
        Guard.NotNull(e, "Evaluate").Evaluate(Bind(bindings));

    /// <summary>Evaluates several expressions in one pass (one <see cref="Plan"/>), computing what they share once.</summary>
    /// <typeparam name="T">The precision of the evaluation: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="roots">The expressions to evaluate; at least one.</param>
    /// <param name="bindings">Variable name → value; every variable the roots read must be bound.</param>
    /// <returns>The roots' values, in the order of <paramref name="roots"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="roots"/> or one of its elements is null, or a binding's value is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="roots"/> is empty, a variable is not bound or is bound to a tensor of another shape, or the bound batch sizes differ.</exception>
    /// <exception cref="ShapeException">Two roots use one variable name with two shapes.</exception>
    public static Seq<Tensor<T>> EvaluateAll<T>(IEnumerable<Expr> roots, HashMap<string, Tensor<T>> bindings) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var all = Guard.NoNulls(Guard.NotNull(roots, "EvaluateAll").ToArray(), "EvaluateAll", nameof(roots));
        if (all.Length == 0) throw new ArgumentException("EvaluateAll: roots is empty; give at least one expression to evaluate.", nameof(roots));
        return Plan.Compile(all).Run(NoNullValues(bindings, "EvaluateAll"));
    }

    /// <summary>Bindings from (name, value) pairs, as <see cref="Plan.Run{T}"/> and <see cref="Evaluate{T}(Expr, HashMap{string, Tensor{T}})"/> take them.</summary>
    /// <typeparam name="T">The element type of the tensors: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="bindings">(variable name, value) pairs, each name once.</param>
    /// <returns>The map name → value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="bindings"/> is null, or a binding's name or value is null.</exception>
    /// <exception cref="ArgumentException">A name is bound twice.</exception>
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
