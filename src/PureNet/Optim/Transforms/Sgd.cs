using System.Numerics;
using static System.Numerics.Tensors.TensorPrimitives;

namespace PureNet;

/// <summary>Vanilla SGD: u = −η·g, so x ← x − η·g.</summary>
/// <param name="Lr">The learning rate η: a number or an <see cref="LrSchedule"/>.</param>
/// <exception cref="ArgumentNullException"><paramref name="Lr"/> is null.</exception>
/// <exception cref="ArgumentOutOfRangeException">A constant rate is negative or not finite.</exception>
/// <example>
/// <code>
/// // Minimise ‖w − t‖² with plain gradient steps.
/// var w = Variable("w", 3);
/// var loss = Sum(Square(w - Const(Tensor.FromArray(1.0, 2.0, 3.0))));
/// var grad = ValueAndGrad(loss, w);
/// var opt = new Sgd(0.1);
/// var p = ParamTrees.Of(("w", Tensor.Zeros&lt;double&gt;(new Shape(3))));
/// var state = opt.Init(p);
/// for (var i = 0; i &lt; 200; i++)
///     (p, state) = opt.Step(grad.Invoke(("w", p["w"])).GradTree(), state, p);
/// </code>
/// </example>
public sealed record Sgd(LrSchedule Lr) : IGradientTransform
{
    /// <summary>The learning rate η or its schedule (checked when built).</summary>
    public LrSchedule Lr { get; } = Check.Lr("Sgd", Lr);

    /// <summary>A state with no moments (only the count), after checking the rate is representable in <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="parameters">The parameters the state is for.</param>
    /// <returns>The initial state (count 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is not representable in <typeparamref name="T"/> (e.g. a rate that overflows float).</exception>
    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        _ = Hyper.Rate<T>("Sgd", nameof(Lr), Lr.At(0), 0);   // refuse a rate T cannot hold before the first step
        return PerTensor.Init(parameters);
    }

    /// <summary>u = −η_t·g, η_t the rate at the state's count.</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="grads">The gradients, with the parameters' names and shapes.</param>
    /// <param name="state">The state from <c>Init</c> or the previous update.</param>
    /// <param name="parameters">The current parameters.</param>
    /// <returns>The updates to add to the parameters (<see cref="Optim.Apply{T}"/>) and the next state (count + 1).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The gradients do not name the parameters.</exception>
    /// <exception cref="ShapeException">A gradient differs in shape from its parameter.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The state's count is negative, or a hyperparameter at this step is not representable in <typeparamref name="T"/>.</exception>
    public (ParamTree<T> Updates, OptState<T> State) Update<T>(ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lr = -Hyper.Rate<T>("Sgd", nameof(Lr), Lr.At(PerTensor.Count("Sgd", state)), state.Count);
        return PerTensor.Map("Sgd", grads, state, parameters, (g, _) => Fused.Map(g, (x, y) => Multiply(x, lr, y)));
    }
}

/// <summary>
/// Momentum in the seed's form: v ← μ·v − η·g; u = v. With <paramref name="Nesterov"/>, the rewrite that needs only
/// the gradient at the stored parameters: u = −μ·v_prev + (1 + μ)·v (the stored x is the look-ahead point x + μv of
/// <see cref="NesterovLookAhead"/>; the two give the same trajectory).
/// </summary>
/// <param name="Lr">The learning rate η: a number or an <see cref="LrSchedule"/>.</param>
/// <param name="Mu">The momentum μ, in [0, 1).</param>
/// <param name="Nesterov">Use the Nesterov rewrite.</param>
/// <exception cref="ArgumentNullException"><paramref name="Lr"/> is null.</exception>
/// <exception cref="ArgumentOutOfRangeException">A constant rate is negative, or <paramref name="Mu"/> is outside [0, 1).</exception>
/// <example>
/// <code>
/// // Minimise ‖w − t‖² with heavy-ball momentum.
/// var w = Variable("w", 3);
/// var loss = Sum(Square(w - Const(Tensor.FromArray(1.0, 2.0, 3.0))));
/// var grad = ValueAndGrad(loss, w);
/// var opt = new Momentum(0.05, Mu: 0.9);
/// var p = ParamTrees.Of(("w", Tensor.Zeros&lt;double&gt;(new Shape(3))));
/// var state = opt.Init(p);
/// for (var i = 0; i &lt; 200; i++)
///     (p, state) = opt.Step(grad.Invoke(("w", p["w"])).GradTree(), state, p);
/// </code>
/// </example>
public sealed record Momentum(LrSchedule Lr, double Mu = 0.9, bool Nesterov = false) : IGradientTransform
{
    /// <summary>The learning rate η or its schedule (checked when built).</summary>
    public LrSchedule Lr { get; } = Check.Lr("Momentum", Lr);
    /// <summary>The momentum μ, in [0, 1).</summary>
    public double Mu { get; } = Check.InRange("Momentum", nameof(Mu), Mu, 0, 1);

    /// <summary>A zero velocity "v" shaped like the parameters.</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="parameters">The parameters the state is for.</param>
    /// <returns>The initial state (count 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is not representable in <typeparamref name="T"/> (e.g. a rate that overflows float).</exception>
    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        _ = Rule<T>(0);
        return PerTensor.Init(parameters, "v");
    }

    MomentumRule<T> Rule<T>(long step) where T : unmanaged, IFloatingPointIeee754<T> =>
        MomentumRule<T>.Of("Momentum", Lr.At(step), step, Mu, Nesterov);

    /// <summary>v ← μ·v − η_t·g; u = v (or the Nesterov rewrite), in one pass per tensor.</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="grads">The gradients, with the parameters' names and shapes.</param>
    /// <param name="state">The state from <c>Init</c> or the previous update.</param>
    /// <param name="parameters">The current parameters.</param>
    /// <returns>The updates to add to the parameters (<see cref="Optim.Apply{T}"/>) and the next state (count + 1).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The gradients do not name the parameters, or the state lacks this optimizer's moments (another optimizer's state).</exception>
    /// <exception cref="ShapeException">A gradient or moment differs in shape from its parameter.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The state's count is negative, or a hyperparameter at this step is not representable in <typeparamref name="T"/>.</exception>
    public (ParamTree<T> Updates, OptState<T> State) Update<T>(ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rule = Rule<T>(PerTensor.Count("Momentum", state));
        return PerTensor.Update("Momentum", grads, state, parameters, ["v"], (g, m, _) =>
        {
            var (u, v) = MomentKernel.Run(g, m[0], rule);
            return (u, [v]);
        });
    }
}

/// <summary>
/// Nesterov momentum with the look-ahead gradient: v ← μ·v − η·∇f(x + μ·v); x ← x + v. The gradient passed to
/// <see cref="Update{T}"/> must be taken at <see cref="LookAhead{T}"/> (the fit loop does).
/// </summary>
/// <param name="Lr">The learning rate η: a number or an <see cref="LrSchedule"/>.</param>
/// <param name="Mu">The momentum μ, in [0, 1).</param>
/// <exception cref="ArgumentNullException"><paramref name="Lr"/> is null.</exception>
/// <exception cref="ArgumentOutOfRangeException">A constant rate is negative, or <paramref name="Mu"/> is outside [0, 1).</exception>
/// <example>
/// <code>
/// // The gradient is taken at the look-ahead point x + μv, then the step is made from x.
/// var w = Variable("w", 3);
/// var loss = Sum(Square(w - Const(Tensor.FromArray(1.0, 2.0, 3.0))));
/// var grad = ValueAndGrad(loss, w);
/// var opt = new NesterovLookAhead(0.05);
/// var p = ParamTrees.Of(("w", Tensor.Zeros&lt;double&gt;(new Shape(3))));
/// var state = opt.Init(p);
/// for (var i = 0; i &lt; 200; i++)
/// {
///     var at = opt.LookAhead(p, state);
///     (p, state) = opt.Step(grad.Invoke(("w", at["w"])).GradTree(), state, p);
/// }
/// </code>
/// </example>
public sealed record NesterovLookAhead(LrSchedule Lr, double Mu = 0.9) : IGradientTransform
{
    /// <summary>The learning rate η or its schedule (checked when built).</summary>
    public LrSchedule Lr { get; } = Check.Lr("NesterovLookAhead", Lr);
    /// <summary>The momentum μ, in [0, 1).</summary>
    public double Mu { get; } = Check.InRange("NesterovLookAhead", nameof(Mu), Mu, 0, 1);

    /// <summary>A zero velocity "v" shaped like the parameters.</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="parameters">The parameters the state is for.</param>
    /// <returns>The initial state (count 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is not representable in <typeparamref name="T"/> (e.g. a rate that overflows float).</exception>
    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        _ = MomentumRule<T>.Of("NesterovLookAhead", Lr.At(0), 0, Mu, Nesterov: false);
        return PerTensor.Init(parameters, "v");
    }

    /// <summary>The look-ahead point x + μ·v, where the next gradient is to be taken.</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="parameters">The current parameters x.</param>
    /// <param name="state">The current state (its velocity v).</param>
    /// <returns>x + μ·v, tensor by tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> or <paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentException">The state holds no velocity for these parameters.</exception>
    /// <exception cref="ShapeException">A velocity differs in shape from its parameter.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is not representable in <typeparamref name="T"/> (e.g. a rate that overflows float).</exception>
    public ParamTree<T> LookAhead<T>(ParamTree<T> parameters, OptState<T> state) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(parameters, "NesterovLookAhead.LookAhead");
        Guard.NotNull(state, "NesterovLookAhead.LookAhead");
        var v = state.Slot("v", "NesterovLookAhead");
        ParamTrees.CheckState(parameters, v, "v", "NesterovLookAhead");
        var mu = Hyper.As<T>("NesterovLookAhead", nameof(Mu), Mu);
        return parameters.ZipWith(v, (p, vv) => Fused.Zip(vv, p, (a, b, z) => MultiplyAdd(a, mu, b, z)), "NesterovLookAhead");
    }

    /// <summary>v ← μ·v − η_t·g; u = v, with g the gradient at <see cref="LookAhead{T}"/>.</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="grads">The gradients, with the parameters' names and shapes.</param>
    /// <param name="state">The state from <c>Init</c> or the previous update.</param>
    /// <param name="parameters">The current parameters.</param>
    /// <returns>The updates to add to the parameters (<see cref="Optim.Apply{T}"/>) and the next state (count + 1).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The gradients do not name the parameters, or the state lacks this optimizer's moments (another optimizer's state).</exception>
    /// <exception cref="ShapeException">A gradient or moment differs in shape from its parameter.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The state's count is negative, or a hyperparameter at this step is not representable in <typeparamref name="T"/>.</exception>
    public (ParamTree<T> Updates, OptState<T> State) Update<T>(ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var step = PerTensor.Count("NesterovLookAhead", state);
        var rule = MomentumRule<T>.Of("NesterovLookAhead", Lr.At(step), step, Mu, Nesterov: false);
        return PerTensor.Update("NesterovLookAhead", grads, state, parameters, ["v"], (g, m, _) =>
        {
            var (u, v) = MomentKernel.Run(g, m[0], rule);
            return (u, [v]);
        });
    }
}
