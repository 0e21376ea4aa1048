using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>A scalar function's value and its gradients, in the order of the variables asked for.</summary>
public sealed record ValueAndGradResult<T>(T Value, Seq<Tensor<T>> Grads, ImmutableArray<Expr> Wrt) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The gradient for one of the variables asked for.</summary>
    public Tensor<T> this[Expr wrt] =>
        Wrt.IndexOf(wrt) is var i and >= 0 ? Grads[i] : throw new ArgumentException($"ValueAndGrad: no gradient was asked for {wrt}.", nameof(wrt));

    public Tensor<T> this[string name] =>
        Wrt.FirstOrDefault(w => w is Variable v && v.Name == name) is { } w ? this[w] : throw new ArgumentException($"ValueAndGrad: no gradient was asked for a variable named '{name}'.", nameof(name));
}

/// <summary>
/// A compiled (value, gradients) function: the loss and every derivative expression in one plan, so forward values
/// are computed once and shared by the backward pass. Immutable; safe to call from several threads.
/// </summary>
public sealed class ValueAndGradFunction
{
    readonly Plan plan;

    internal ValueAndGradFunction(Expr loss, ImmutableArray<Expr> wrt)
    {
        Loss = loss;
        Wrt = wrt;
        Gradients = Fn.Grad(loss, [.. wrt]);
        plan = Plan.Compile([loss, .. Gradients]);
    }

    public Expr Loss { get; }
    public ImmutableArray<Expr> Wrt { get; }
    /// <summary>The symbolic gradients the plan computes.</summary>
    public Seq<Expr> Gradients { get; }

    public ValueAndGradResult<T> Invoke<T>(HashMap<string, Tensor<T>> bindings) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var all = plan.Run(bindings);
        return new(all[0].Scalar, all.Tail.Strict(), Wrt);
    }

    public ValueAndGradResult<T> Invoke<T>(params (string Name, Tensor<T> Value)[] bindings) where T : unmanaged, IFloatingPointIeee754<T> =>
        Invoke(Fn.Bind(bindings));
}

public static partial class Fn
{
    /// <summary>Compiles f and its gradients in <paramref name="wrt"/> into one function (JAX's value_and_grad).</summary>
    public static ValueAndGradFunction ValueAndGrad(Expr f, params Expr[] wrt) => new(f, [.. wrt]);
}
