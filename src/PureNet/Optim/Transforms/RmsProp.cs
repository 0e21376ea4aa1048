using System.Numerics;

namespace PureNet;

/// <summary>
/// RMSProp as torch.optim.RMSprop: c ← ρ·c + (1 − ρ)·g²; with <paramref name="Centered"/> also a ← ρ·a + (1 − ρ)·g and
/// the denominator √(c − a²) + ε instead of √c + ε (the gradient's variance, not its second moment); with
/// <paramref name="Momentum"/> μ &gt; 0, b ← μ·b + g/denominator and u = −η·b, else u = −η·g/denominator.
/// Defaults as PyTorch (ρ = 0.99, ε = 1e-8, μ = 0, not centered).
/// </summary>
/// <param name="Lr">The learning rate η: a number or an <see cref="LrSchedule"/>.</param>
/// <param name="Decay">ρ, in [0, 1).</param>
/// <param name="Eps">ε, finite and &gt; 0.</param>
/// <param name="Momentum">μ, in [0, 1); 0 for none.</param>
/// <param name="Centered">Divide by the gradient's running standard deviation instead of its root mean square.</param>
/// <exception cref="ArgumentNullException"><paramref name="Lr"/> is null.</exception>
/// <exception cref="ArgumentOutOfRangeException">A constant rate is negative, or a hyperparameter is out of range.</exception>
/// <example>
/// <code>
/// // Minimise ‖w − t‖² with RMSProp.
/// var w = Variable("w", 3);
/// var loss = Sum(Square(w - Const(Tensor.FromArray(1.0, 2.0, 3.0))));
/// var grad = ValueAndGrad(loss, w);
/// var opt = new RmsProp(0.05);
/// var p = ParamTrees.Of(("w", Tensor.Zeros&lt;double&gt;(new Shape(3))));
/// var state = opt.Init(p);
/// for (var i = 0; i &lt; 200; i++)
///     (p, state) = opt.Step(grad.Invoke(("w", p["w"])).GradTree(), state, p);
/// </code>
/// </example>
public sealed record RmsProp(LrSchedule Lr, double Decay = 0.99, double Eps = 1e-8, double Momentum = 0, bool Centered = false) : IGradientTransform
{
    /// <summary>The learning rate η or its schedule (checked when built).</summary>
    public LrSchedule Lr { get; } = Check.Lr("RmsProp", Lr);
    /// <summary>ρ, in [0, 1).</summary>
    public double Decay { get; } = Check.InRange("RmsProp", nameof(Decay), Decay, 0, 1);
    /// <summary>ε, finite and &gt; 0.</summary>
    public double Eps { get; } = Check.Positive("RmsProp", nameof(Eps), Eps);
    /// <summary>μ, in [0, 1); 0 for none.</summary>
    public double Momentum { get; } = Check.InRange("RmsProp", nameof(Momentum), Momentum, 0, 1);

    /// <summary>The moment trees: "cache" (c), then "grad_avg" (a) when centered and "momentum" (b) when μ &gt; 0.</summary>
    string[] Slots => [ "cache", .. Centered ? new[] { "grad_avg" } : [], .. Momentum > 0 ? new[] { "momentum" } : [] ];

    /// <summary>Zero moments "cache" (and "grad_avg" when centered, "momentum" when μ &gt; 0) shaped like the parameters.</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="parameters">The parameters the state is for.</param>
    /// <returns>The initial state (count 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is not representable in <typeparamref name="T"/> (e.g. a rate that overflows float).</exception>
    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        _ = Coefficients<T>(0);
        return PerTensor.Init(parameters, Slots);
    }

    RmsPropCoefficients<T> Coefficients<T>(long step) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(-Hyper.Rate<T>("RmsProp", nameof(Lr), Lr.At(step), step), Hyper.As<T>("RmsProp", nameof(Eps), Eps),
            Hyper.As<T>("RmsProp", nameof(Decay), Decay), Hyper.As<T>("RmsProp", "1 − Decay", 1 - Decay), Hyper.As<T>("RmsProp", nameof(Momentum), Momentum),
            Centered, Momentum > 0);

    /// <summary>One RMSProp step (see the type's formula), in one pass per tensor.</summary>
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
        var c = Coefficients<T>(PerTensor.Count("RmsProp", state));
        if (!c.Centered && !c.WithMomentum)   // plain RMSProp: the one-moment kernel, as before
        {
            var rule = new SquareAverageRule<T>(c.Lr, c.Eps, c.Decay, c.Rest);
            return PerTensor.Update("RmsProp", grads, state, parameters, Slots, (g, m, _) =>
            {
                var (u, sq) = MomentKernel.Run(g, m[0], rule);
                return (u, [sq]);
            });
        }
        return PerTensor.Update("RmsProp", grads, state, parameters, Slots, (g, m, _) => RmsPropKernel.Run(g, m, c));
    }
}
