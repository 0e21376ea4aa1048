using System.Numerics;

namespace PureNet;

/// <summary>
/// Momentum in torch's and optax's form, the learning rate outside the velocity: b ← μ·b + (1 − τ)·g (b ← g at the first
/// step, as torch.optim.SGD does); x ← x − η·b, or with <paramref name="Nesterov"/> x ← x − η·(g + μ·b) (torch's
/// Nesterov form). <see cref="Momentum"/> keeps the rate inside (v ← μv − ηg); the two agree only while η is constant,
/// since a rate change there rescales the whole velocity here and only the new gradient's share in <see cref="Momentum"/>.
/// </summary>
public sealed record SgdMomentum(LrSchedule Lr, double Mu = 0.9, double Dampening = 0, bool Nesterov = false) : IGradientTransform
{
    public LrSchedule Lr { get; } = Check.Lr("SgdMomentum", Lr);
    public double Mu { get; } = Check.InRange("SgdMomentum", nameof(Mu), Mu, 0, 1);
    public double Dampening { get; } = Check.InRange("SgdMomentum", nameof(Dampening), Dampening, 0, 1, closedHigh: true);

    // torch refuses the same: its Nesterov step assumes an undamped buffer, and with μ = 0 there is nothing to look ahead with.
    public bool Nesterov { get; } = Nesterov && (Dampening != 0 || Mu == 0)
        ? throw new ArgumentException($"SgdMomentum: Nesterov needs Mu > 0 and Dampening 0 (as torch.optim.SGD); got Mu {Mu}, Dampening {Dampening}.", nameof(Nesterov))
        : Nesterov;

    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        _ = Rule<T>(0);
        return PerTensor.Init(parameters, "trace");
    }

    /// <summary>The first step has no dampening: torch starts the buffer at the gradient itself (b₀ = 0, so μ·0 + 1·g = g).</summary>
    TraceRule<T> Rule<T>(long step) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(-Hyper.Rate<T>("SgdMomentum", nameof(Lr), Lr.At(step), step), Hyper.As<T>("SgdMomentum", nameof(Mu), Mu),
            step == 0 ? T.One : Hyper.As<T>("SgdMomentum", "1 − Dampening", 1 - Dampening), Nesterov);

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
