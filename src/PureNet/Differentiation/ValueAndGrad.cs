using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// A scalar function's value, its gradients (in the order of the variables asked for, and by variable name), and the
/// auxiliary outputs computed in the same pass.
/// </summary>
public sealed record ValueAndGradResult<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Lists as parameters, so <c>new(v, [g1, g2], [w1, w2])</c> means what it says; one gradient per node asked for.</summary>
    public ValueAndGradResult(T value, IEnumerable<Tensor<T>> grads, IEnumerable<Expr> wrt, IEnumerable<Tensor<T>>? aux = null)
    {
        Value = value;
        Grads = Prelude.toSeq(Guard.NoNulls(Guard.NotNull(grads, "ValueAndGradResult").ToArray(), "ValueAndGradResult", nameof(grads))).Strict();
        Wrt = [.. Guard.NoNulls(Guard.NotNull(wrt, "ValueAndGradResult").ToArray(), "ValueAndGradResult", nameof(wrt))];
        Aux = Prelude.toSeq(aux ?? []).Strict();
        if (Grads.Count != Wrt.Length)
            throw new ArgumentException($"ValueAndGradResult: {Grads.Count} gradients for {Wrt.Length} nodes; one gradient per node asked for.", nameof(grads));
    }

    public T Value { get; }
    public Seq<Tensor<T>> Grads { get; }
    public ImmutableArray<Expr> Wrt { get; }
    public Seq<Tensor<T>> Aux { get; }

    public void Deconstruct(out T value, out Seq<Tensor<T>> grads, out ImmutableArray<Expr> wrt, out Seq<Tensor<T>> aux) =>
        (value, grads, wrt, aux) = (Value, Grads, Wrt, Aux);

    /// <summary>The gradient for one of the nodes asked for; a variable is found by its name.</summary>
    public Tensor<T> this[Expr wrt] =>
        Wrt.IndexOf(wrt ?? throw new ArgumentNullException(nameof(wrt)), 0, Wrt.Length, NodeIdentity.Instance) is var i and >= 0
            ? Grads[i]
            : throw new ArgumentException($"ValueAndGrad: no gradient was asked for {wrt}.", nameof(wrt));

    public Tensor<T> this[string name] => this[new Variable(name, Shape.Scalar)];

    /// <summary>The gradients of the variables asked for, keyed by variable name.</summary>
    public HashMap<string, Tensor<T>> ByName =>
        Wrt.Zip(Grads).Aggregate(HashMap<string, Tensor<T>>.Empty, (m, p) => p.Item1 is Variable v ? m.AddOrUpdate(v.Name, p.Item2) : m);
}

/// <summary>
/// A compiled (value, gradients, auxiliary outputs) function: the loss, every derivative expression and the auxiliary
/// expressions in one plan, so forward values are computed once and shared. Immutable; safe to call from several threads.
/// </summary>
public sealed class ValueAndGradFunction
{
    readonly Plan plan;

    internal ValueAndGradFunction(Expr loss, ImmutableArray<Expr> wrt, ImmutableArray<Expr> aux, PlanOptions options)
    {
        Loss = loss;
        Wrt = wrt;
        Aux = aux;
        Gradients = Fn.RawGrad(loss, [.. wrt]);
        plan = Plan.Compile([loss, .. aux, .. Gradients], options, forwardOutputs: 1 + aux.Length);
    }

    public Expr Loss { get; }
    public ImmutableArray<Expr> Wrt { get; }
    /// <summary>The auxiliary outputs (e.g. logits, a new BatchNorm state), returned in <see cref="ValueAndGradResult{T}.Aux"/>.</summary>
    public ImmutableArray<Expr> Aux { get; }
    /// <summary>The symbolic gradients the plan computes.</summary>
    public Seq<Expr> Gradients { get; }

    public ValueAndGradResult<T> Invoke<T>(HashMap<string, Tensor<T>> bindings) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var all = plan.Run(bindings);
        return new(all[0].Scalar, all.Skip(1 + Aux.Length).Strict(), Wrt, all.Skip(1).Take(Aux.Length).Strict());
    }

    public ValueAndGradResult<T> Invoke<T>(params (string Name, Tensor<T> Value)[] bindings) where T : unmanaged, IFloatingPointIeee754<T> =>
        Invoke(Fn.Bind(bindings));
}

public static partial class Fn
{
    /// <summary>Compiles f and its gradients in <paramref name="wrt"/> into one function (JAX's value_and_grad).</summary>
    public static ValueAndGradFunction ValueAndGrad(Expr f, params Expr[] wrt) => ValueAndGrad(f, wrt, aux: null);

    /// <summary>
    /// Compiles f, its gradients in <paramref name="wrt"/> and the auxiliary outputs <paramref name="aux"/> (JAX's
    /// has_aux) into one plan. <paramref name="detectAnomaly"/> throws an <see cref="AnomalyException"/> at the first
    /// non-finite value, naming the op and whether it was the forward or the backward pass.
    /// </summary>
    public static ValueAndGradFunction ValueAndGrad(Expr f, IEnumerable<Expr> wrt, IEnumerable<Expr>? aux = null, bool detectAnomaly = false)
    {
        Guard.NotNull(f, "ValueAndGrad");
        ImmutableArray<Expr> variables = [.. Guard.NoNulls(Guard.NotNull(wrt, "ValueAndGrad").ToArray(), "ValueAndGrad", nameof(wrt))];
        ImmutableArray<Expr> extra = [.. Guard.NoNulls((aux ?? []).ToArray(), "ValueAndGrad", nameof(aux))];
        foreach (var g in variables.GroupBy(w => w, NodeIdentity.Instance).Where(g => g.Count() > 1))
            throw new ArgumentException($"ValueAndGrad: {g.Key} is asked for {g.Count()} times; ask for each variable once.", nameof(wrt));
        return new(f, variables, extra, new PlanOptions(detectAnomaly));
    }
}
