using System.Numerics;

namespace PureNet;

/// <summary>AdaGrad: c ← c + g²; u = −η·g / (√c + ε). Defaults as PyTorch (ε = 1e-10).</summary>
public sealed record AdaGrad(LrSchedule Lr, double Eps = 1e-10) : IGradientTransform
{
    public LrSchedule Lr { get; } = Check.Lr("AdaGrad", Lr);
    public double Eps { get; } = Check.Positive("AdaGrad", nameof(Eps), Eps);

    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T> => PerTensor.Init(parameters, "cache");

    public (ParamTree<T> Updates, OptState<T> State) Update<T>(ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rule = new SquareAverageRule<T>(PerTensor.C<T>(-Lr.At(state.Count)), PerTensor.C<T>(Eps), T.One, T.One);
        return PerTensor.Update("AdaGrad", grads, state, parameters, ["cache"], (g, m, _) =>
        {
            var (u, c) = MomentKernel.Run(g, m[0], rule);
            return (u, [c]);
        });
    }
}

/// <summary>RMSProp: c ← ρ·c + (1 − ρ)·g²; u = −η·g / (√c + ε). Defaults as PyTorch (ρ = 0.99, ε = 1e-8).</summary>
public sealed record RmsProp(LrSchedule Lr, double Decay = 0.99, double Eps = 1e-8) : IGradientTransform
{
    public LrSchedule Lr { get; } = Check.Lr("RmsProp", Lr);
    public double Decay { get; } = Check.InRange("RmsProp", nameof(Decay), Decay, 0, 1);
    public double Eps { get; } = Check.Positive("RmsProp", nameof(Eps), Eps);

    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T> => PerTensor.Init(parameters, "cache");

    public (ParamTree<T> Updates, OptState<T> State) Update<T>(ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rule = new SquareAverageRule<T>(PerTensor.C<T>(-Lr.At(state.Count)), PerTensor.C<T>(Eps), PerTensor.C<T>(Decay), PerTensor.C<T>(1 - Decay));
        return PerTensor.Update("RmsProp", grads, state, parameters, ["cache"], (g, m, _) =>
        {
            var (u, c) = MomentKernel.Run(g, m[0], rule);
            return (u, [c]);
        });
    }
}

/// <summary>
/// Adam with bias correction: m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; u = −(η/(1−β₁ᵗ))·m / (√v/√(1−β₂ᵗ) + ε)
/// (PyTorch's arrangement). With <paramref name="WeightDecay"/> λ &gt; 0 it is AdamW: u −= η·λ·x (decoupled decay).
/// </summary>
public sealed record Adam(LrSchedule Lr, double Beta1 = 0.9, double Beta2 = 0.999, double Eps = 1e-8, double WeightDecay = 0) : IGradientTransform
{
    public LrSchedule Lr { get; } = Check.Lr("Adam", Lr);
    public double Beta1 { get; } = Check.InRange("Adam", nameof(Beta1), Beta1, 0, 1);
    public double Beta2 { get; } = Check.InRange("Adam", nameof(Beta2), Beta2, 0, 1);
    public double Eps { get; } = Check.Positive("Adam", nameof(Eps), Eps);
    public double WeightDecay { get; } = Check.NonNegative("Adam", nameof(WeightDecay), WeightDecay);

    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T> => PerTensor.Init(parameters, "m", "v");

    public (ParamTree<T> Updates, OptState<T> State) Update<T>(ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var eta = Lr.At(state.Count);
        var t = state.Count + 1;
        double bc1 = 1 - Math.Pow(Beta1, t), bc2 = 1 - Math.Pow(Beta2, t);
        var c = new AdamCoefficients<T>(PerTensor.C<T>(Beta1), PerTensor.C<T>(1 - Beta1), PerTensor.C<T>(Beta2), PerTensor.C<T>(1 - Beta2),
            PerTensor.C<T>(-eta / bc1), PerTensor.C<T>(Math.Sqrt(bc2)), PerTensor.C<T>(Eps), PerTensor.C<T>(-eta * WeightDecay));
        return PerTensor.Update(WeightDecay > 0 ? "AdamW" : "Adam", grads, state, parameters, ["m", "v"], (g, m, p) =>
        {
            var (u, m1, v1) = AdamKernel.Run(g, m[0], m[1], p, c);
            return (u, [m1, v1]);
        });
    }
}
