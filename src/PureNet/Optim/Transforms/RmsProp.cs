using System.Numerics;

namespace PureNet;

/// <summary>
/// RMSProp as torch.optim.RMSprop: c ← ρ·c + (1 − ρ)·g²; with <paramref name="Centered"/> also a ← ρ·a + (1 − ρ)·g and
/// the denominator √(c − a²) + ε instead of √c + ε (the gradient's variance, not its second moment); with
/// <paramref name="Momentum"/> μ &gt; 0, b ← μ·b + g/denominator and u = −η·b, else u = −η·g/denominator.
/// Defaults as PyTorch (ρ = 0.99, ε = 1e-8, μ = 0, not centered).
/// </summary>
public sealed record RmsProp(LrSchedule Lr, double Decay = 0.99, double Eps = 1e-8, double Momentum = 0, bool Centered = false) : IGradientTransform
{
    public LrSchedule Lr { get; } = Check.Lr("RmsProp", Lr);
    public double Decay { get; } = Check.InRange("RmsProp", nameof(Decay), Decay, 0, 1);
    public double Eps { get; } = Check.Positive("RmsProp", nameof(Eps), Eps);
    public double Momentum { get; } = Check.InRange("RmsProp", nameof(Momentum), Momentum, 0, 1);

    /// <summary>The moment trees: "cache" (c), then "grad_avg" (a) when centered and "momentum" (b) when μ &gt; 0.</summary>
    string[] Slots => [ "cache", .. Centered ? new[] { "grad_avg" } : [], .. Momentum > 0 ? new[] { "momentum" } : [] ];

    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        _ = Coefficients<T>(0);
        return PerTensor.Init(parameters, Slots);
    }

    RmsPropCoefficients<T> Coefficients<T>(long step) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(-Hyper.Rate<T>("RmsProp", nameof(Lr), Lr.At(step), step), Hyper.As<T>("RmsProp", nameof(Eps), Eps),
            Hyper.As<T>("RmsProp", nameof(Decay), Decay), Hyper.As<T>("RmsProp", "1 − Decay", 1 - Decay), Hyper.As<T>("RmsProp", nameof(Momentum), Momentum),
            Centered, Momentum > 0);

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
