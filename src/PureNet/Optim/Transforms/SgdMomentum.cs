using System.Numerics;

namespace PureNet;

/// <summary>
/// Momentum in torch's and optax's form, the learning rate outside the velocity: b ← μ·b + (1 − τ)·g (b ← g at the first
/// step, as torch.optim.SGD does); x ← x − η·b, or with <paramref name="Nesterov"/> x ← x − η·(g + μ·b) (torch's
/// Nesterov form). <see cref="Momentum"/> keeps the rate inside (v ← μv − ηg); the two agree only while η is constant,
/// since a rate change there rescales the whole velocity here and only the new gradient's share in <see cref="Momentum"/>.
/// </summary>
/// <param name="Lr">The learning rate η: a number or an <see cref="LrSchedule"/>.</param>
/// <param name="Mu">The momentum μ, in [0, 1).</param>
/// <param name="Dampening">The dampening τ, in [0, 1].</param>
/// <param name="Nesterov">torch's Nesterov form; needs <paramref name="Mu"/> &gt; 0 and <paramref name="Dampening"/> 0.</param>
/// <exception cref="ArgumentNullException"><paramref name="Lr"/> is null.</exception>
/// <exception cref="ArgumentOutOfRangeException">A constant rate is negative, or <paramref name="Mu"/> or <paramref name="Dampening"/> is out of range.</exception>
/// <exception cref="ArgumentException"><paramref name="Nesterov"/> with μ = 0 or τ ≠ 0.</exception>
/// <example>
/// <code>
/// // torch.optim.SGD(lr=0.05, momentum=0.9) on ‖w − t‖².
/// var w = Variable("w", 3);
/// var loss = Sum(Square(w - Const(Tensor.FromArray(1.0, 2.0, 3.0))));
/// var grad = ValueAndGrad(loss, w);
/// var opt = new SgdMomentum(0.05, Mu: 0.9);
/// var p = ParamTrees.Of(("w", Tensor.Zeros&lt;double&gt;(new Shape(3))));
/// var state = opt.Init(p);
/// for (var i = 0; i &lt; 200; i++)
///     (p, state) = opt.Step(grad.Invoke(("w", p["w"])).GradTree(), state, p);
/// </code>
/// </example>
public sealed record SgdMomentum(LrSchedule Lr, double Mu = 0.9, double Dampening = 0, bool Nesterov = false) : IGradientTransform
{
    /// <summary>The learning rate η or its schedule (checked when built).</summary>
    public LrSchedule Lr { get; } = Check.Lr("SgdMomentum", Lr);
    /// <summary>The momentum μ, in [0, 1).</summary>
    public double Mu { get; } = Check.InRange("SgdMomentum", nameof(Mu), Mu, 0, 1);
    /// <summary>The dampening τ, in [0, 1].</summary>
    public double Dampening { get; } = Check.InRange("SgdMomentum", nameof(Dampening), Dampening, 0, 1, closedHigh: true);

    // torch refuses the same: its Nesterov step assumes an undamped buffer, and with μ = 0 there is nothing to look ahead with.
    /// <summary>Whether the step is torch's Nesterov form x ← x − η·(g + μ·b).</summary>
    public bool Nesterov { get; } = Nesterov && (Dampening != 0 || Mu == 0)
        ? throw new ArgumentException($"SgdMomentum: Nesterov needs Mu > 0 and Dampening 0 (as torch.optim.SGD); got Mu {Mu}, Dampening {Dampening}.", nameof(Nesterov))
        : Nesterov;

    /// <summary>A zero momentum buffer "trace" shaped like the parameters.</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="parameters">The parameters the state is for.</param>
    /// <returns>The initial state (count 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is not representable in <typeparamref name="T"/> (e.g. a rate that overflows float).</exception>
    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        _ = Rule<T>(0);
        return PerTensor.Init(parameters, "trace");
    }

    /// <summary>The first step has no dampening: torch starts the buffer at the gradient itself (b₀ = 0, so μ·0 + 1·g = g).</summary>
    TraceRule<T> Rule<T>(long step) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(-Hyper.Rate<T>("SgdMomentum", nameof(Lr), Lr.At(step), step), Hyper.As<T>("SgdMomentum", nameof(Mu), Mu),
            step == 0 ? T.One : Hyper.As<T>("SgdMomentum", "1 − Dampening", 1 - Dampening), Nesterov);

    /// <summary>b ← μ·b + (1 − τ)·g (b ← g at the first step); u = −η_t·b (or −η_t·(g + μ·b)), in one pass per tensor.</summary>
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
        var rule = Rule<T>(PerTensor.Count("SgdMomentum", state));
        return PerTensor.Update("SgdMomentum", grads, state, parameters, ["trace"], (g, m, _) =>
        {
            var (u, b) = MomentKernel.Run(g, m[0], rule);
            return (u, [b]);
        });
    }
}
