using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// A scalar function's value, its gradients (in the order of the variables asked for, and by variable name), and the
/// auxiliary outputs computed in the same pass. Returned by <see cref="ValueAndGradFunction.Invoke{T}(HashMap{string, Tensor{T}})"/>.
/// </summary>
/// <typeparam name="T">The precision of the call: <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed record ValueAndGradResult<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Lists as parameters, so <c>new(v, [g1, g2], [w1, w2])</c> means what it says; one gradient per node asked for.</summary>
    /// <param name="value">The function's value.</param>
    /// <param name="grads">The gradients, one per node of <paramref name="wrt"/>, in its order.</param>
    /// <param name="wrt">The nodes the gradients are taken in.</param>
    /// <param name="aux">The auxiliary outputs' values, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="grads"/>, <paramref name="wrt"/> or one of their elements is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="grads"/> and <paramref name="wrt"/> differ in length.</exception>
    public ValueAndGradResult(T value, IEnumerable<Tensor<T>> grads, IEnumerable<Expr> wrt, IEnumerable<Tensor<T>>? aux = null)
    {
        Value = value;
        Grads = Prelude.toSeq(Guard.NoNulls(Guard.NotNull(grads, "ValueAndGradResult").ToArray(), "ValueAndGradResult", nameof(grads))).Strict();
        Wrt = [.. Guard.NoNulls(Guard.NotNull(wrt, "ValueAndGradResult").ToArray(), "ValueAndGradResult", nameof(wrt))];
        Aux = Prelude.toSeq(aux ?? []).Strict();
        if (Grads.Count != Wrt.Length)
            throw new ArgumentException($"ValueAndGradResult: {Grads.Count} gradients for {Wrt.Length} nodes; one gradient per node asked for.", nameof(grads));
    }

    /// <summary>The function's value f(x).</summary>
    public T Value { get; }
    /// <summary>∂f/∂w for each w of <see cref="Wrt"/>, in that order, each shaped like its w.</summary>
    public Seq<Tensor<T>> Grads { get; }
    /// <summary>The nodes the gradients are taken in, in the order they were asked for.</summary>
    public ImmutableArray<Expr> Wrt { get; }
    /// <summary>The auxiliary outputs' values (e.g. logits, a new BatchNorm state), in the order they were asked for.</summary>
    public Seq<Tensor<T>> Aux { get; }

    /// <summary>Deconstructs the result: <c>var (loss, grads, wrt, aux) = step.Invoke(bindings);</c>.</summary>
    /// <param name="value">The function's value.</param>
    /// <param name="grads">The gradients, in the order of <paramref name="wrt"/>.</param>
    /// <param name="wrt">The nodes the gradients are taken in.</param>
    /// <param name="aux">The auxiliary outputs' values.</param>
    public void Deconstruct(out T value, out Seq<Tensor<T>> grads, out ImmutableArray<Expr> wrt, out Seq<Tensor<T>> aux) =>
        (value, grads, wrt, aux) = (Value, Grads, Wrt, Aux);

    /// <summary>The gradient for one of the nodes asked for; a variable is found by its name.</summary>
    /// <param name="wrt">One of the nodes of <see cref="Wrt"/>.</param>
    /// <returns>∂f/∂<paramref name="wrt"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="wrt"/> is null.</exception>
    /// <exception cref="ArgumentException">No gradient was asked for <paramref name="wrt"/>.</exception>
    public Tensor<T> this[Expr wrt] =>
        Wrt.IndexOf(wrt ?? throw new ArgumentNullException(nameof(wrt)), 0, Wrt.Length, NodeIdentity.Instance) is var i and >= 0
            ? Grads[i]
            : throw new ArgumentException($"ValueAndGrad: no gradient was asked for {wrt}.", nameof(wrt));

    /// <summary>The gradient for the variable named <paramref name="name"/>: <c>r["w"]</c>.</summary>
    /// <param name="name">The name of one of the variables asked for.</param>
    /// <returns>∂f/∂w for the variable w of that name.</returns>
    /// <exception cref="ArgumentException">The name is null or empty, or no gradient was asked for a variable of that name.</exception>
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

    /// <summary>The scalar function f the plan computes first.</summary>
    public Expr Loss { get; }
    /// <summary>The nodes the gradients are taken in, in order.</summary>
    public ImmutableArray<Expr> Wrt { get; }
    /// <summary>The auxiliary outputs (e.g. logits, a new BatchNorm state), returned in <see cref="ValueAndGradResult{T}.Aux"/>.</summary>
    public ImmutableArray<Expr> Aux { get; }
    /// <summary>The symbolic gradients the plan computes.</summary>
    public Seq<Expr> Gradients { get; }

    /// <summary>Runs the plan once in precision <typeparamref name="T"/>: the value, every gradient and every auxiliary output from one shared forward pass.</summary>
    /// <typeparam name="T">The precision of the call: <see cref="float"/> (training) or <see cref="double"/> (checks).</typeparam>
    /// <param name="bindings">Variable name → value; every variable the function reads must be bound, other names are ignored.</param>
    /// <returns>The value, the gradients in the order of <see cref="Wrt"/> and the auxiliary outputs.</returns>
    /// <exception cref="ArgumentException">A variable is not bound, is bound to a tensor of another rank or size, or the bound batch sizes differ.</exception>
    /// <exception cref="AnomalyException">Compiled with <c>detectAnomaly: true</c>, and a value holds NaN or ±∞.</exception>
    public ValueAndGradResult<T> Invoke<T>(HashMap<string, Tensor<T>> bindings) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var all = plan.Run(bindings);
        return new(all[0].Scalar, all.Skip(1 + Aux.Length).Strict(), Wrt, all.Skip(1).Take(Aux.Length).Strict());
    }

    /// <summary>Runs the plan once with variables bound as (name, value) pairs: <c>step.Invoke(("x", xs), ("w", ws))</c>.</summary>
    /// <typeparam name="T">The precision of the call: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="bindings">(variable name, value) pairs, each name once.</param>
    /// <returns>The value, the gradients in the order of <see cref="Wrt"/> and the auxiliary outputs.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="bindings"/> is null, or a binding's name or value is null.</exception>
    /// <exception cref="ArgumentException">A name is bound twice, a variable is not bound or is bound to a tensor of another shape, or the bound batch sizes differ.</exception>
    /// <exception cref="AnomalyException">Compiled with <c>detectAnomaly: true</c>, and a value holds NaN or ±∞.</exception>
    public ValueAndGradResult<T> Invoke<T>(params (string Name, Tensor<T> Value)[] bindings) where T : unmanaged, IFloatingPointIeee754<T> =>
        Invoke(Fn.Bind(bindings));
}

public static partial class Fn
{
    /// <summary>
    /// Compiles f and its gradients in <paramref name="wrt"/> into one function (JAX's <c>value_and_grad</c>): one plan,
    /// so the forward values the gradients reuse are computed once per call.
    /// </summary>
    /// <param name="f">A scalar expression: one element, no batch axis.</param>
    /// <param name="wrt">The variables (or nodes of f) to differentiate in, each once.</param>
    /// <returns>The compiled function; call <see cref="ValueAndGradFunction.Invoke{T}(ValueTuple{string, Tensor{T}}[])"/> in float or double.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/>, <paramref name="wrt"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="wrt"/> is empty or names a variable twice.</exception>
    /// <exception cref="ShapeException"><paramref name="f"/> is not a scalar, or one variable name is used with two shapes.</exception>
    /// <example>
    /// <code>
    /// var x = Variable("x", Dim.Batch, 3);
    /// var y = Variable("y", Dim.Batch, 1);
    /// var w = Variable("w", 3, 1);
    /// var step = ValueAndGrad(Mean(Square(Tanh(MatMul(x, w)) - y)), w);
    /// var r = step.Invoke(("x", Tensor.Normal&lt;float&gt;(new Shape(8, 3), seed: 1)),
    ///                     ("y", Tensor.Normal&lt;float&gt;(new Shape(8, 1), seed: 2)),
    ///                     ("w", Tensor.Normal&lt;float&gt;(new Shape(3, 1), seed: 3)));
    /// Console.WriteLine($"loss {r.Value}, dw {r["w"]}");
    /// </code>
    /// </example>
    public static ValueAndGradFunction ValueAndGrad(Expr f, params Expr[] wrt) => ValueAndGrad(f, wrt, aux: null);

    /// <summary>
    /// Compiles f, its gradients in <paramref name="wrt"/> and the auxiliary outputs <paramref name="aux"/> (JAX's
    /// has_aux) into one plan. <paramref name="detectAnomaly"/> throws an <see cref="AnomalyException"/> at the first
    /// non-finite value, naming the op and whether it was the forward or the backward pass.
    /// </summary>
    /// <param name="f">A scalar expression: one element, no batch axis.</param>
    /// <param name="wrt">The variables (or nodes of f) to differentiate in, each once.</param>
    /// <param name="aux">Further outputs computed in the same plan and returned in <see cref="ValueAndGradResult{T}.Aux"/> (null for none).</param>
    /// <param name="detectAnomaly">Check every value and throw <see cref="AnomalyException"/> at the first NaN or ±∞.</param>
    /// <returns>The compiled function.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/>, <paramref name="wrt"/>, or an element of <paramref name="wrt"/> or <paramref name="aux"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="wrt"/> is empty or names a variable twice.</exception>
    /// <exception cref="ShapeException"><paramref name="f"/> is not a scalar, or one variable name is used with two shapes.</exception>
    /// <example>
    /// <code>
    /// var x = Variable("x", Dim.Batch, 2);
    /// var y = Variable("y", Dim.Batch);
    /// var w = Variable("w", 2, 3);
    /// var logits = MatMul(x, w);
    /// // The loss, its gradient and the logits from one forward pass.
    /// var step = ValueAndGrad(Losses.SoftmaxCrossEntropyWithLabels(logits, y), [w], aux: [logits]);
    /// var r = step.Invoke(("x", Tensor.Normal&lt;float&gt;(new Shape(4, 2), seed: 1)),
    ///                     ("y", Tensor.FromArray&lt;float&gt;(new Shape(4), [0, 1, 2, 1])),
    ///                     ("w", Tensor.Normal&lt;float&gt;(new Shape(2, 3), seed: 2)));
    /// Tensor&lt;float&gt; scores = r.Aux[0];
    /// HashMap&lt;string, Tensor&lt;float&gt;&gt; grads = r.ByName;
    /// </code>
    /// </example>
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
