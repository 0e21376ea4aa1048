using System.Numerics;

namespace PureNet;

/// <summary>
/// Adam with bias correction: m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; u = −(η/(1−β₁ᵗ))·m / (√v̂/√(1−β₂ᵗ) + ε)
/// (PyTorch's arrangement) with v̂ = v, or with <paramref name="AmsGrad"/> v̂ ← max(v̂, v) (torch's amsgrad: the
/// denominator never shrinks). With <paramref name="WeightDecay"/> λ &gt; 0 it is AdamW: u −= η·λ·x (decoupled decay).
/// </summary>
public sealed record Adam(LrSchedule Lr, double Beta1 = 0.9, double Beta2 = 0.999, double Eps = 1e-8, double WeightDecay = 0, bool AmsGrad = false) : IGradientTransform
{
    public LrSchedule Lr { get; } = Check.Lr("Adam", Lr);
    public double Beta1 { get; } = Check.InRange("Adam", nameof(Beta1), Beta1, 0, 1);
    public double Beta2 { get; } = Check.InRange("Adam", nameof(Beta2), Beta2, 0, 1);
    public double Eps { get; } = Check.Positive("Adam", nameof(Eps), Eps);
    public double WeightDecay { get; } = Check.NonNegative("Adam", nameof(WeightDecay), WeightDecay);

    string Owner => WeightDecay > 0 ? "AdamW" : "Adam";
    string[] Slots => AmsGrad ? ["m", "v", "vmax"] : ["m", "v"];

    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        _ = Coefficients<T>(0);
        return PerTensor.Init(parameters, Slots);
    }

    AdamCoefficients<T> Coefficients<T>(long count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var eta = Lr.At(count);
        var t = count + 1;
        double bc1 = 1 - Math.Pow(Beta1, t), bc2 = 1 - Math.Pow(Beta2, t);
        return new(Hyper.As<T>(Owner, nameof(Beta1), Beta1), Hyper.As<T>(Owner, "1 − Beta1", 1 - Beta1),
            Hyper.As<T>(Owner, nameof(Beta2), Beta2), Hyper.As<T>(Owner, "1 − Beta2", 1 - Beta2),
            -Hyper.Rate<T>(Owner, "Lr / (1 − β₁ᵗ)", eta / bc1, count), Hyper.As<T>(Owner, "√(1 − β₂ᵗ)", Math.Sqrt(bc2)),
            Hyper.As<T>(Owner, nameof(Eps), Eps), -Hyper.Rate<T>(Owner, "Lr·WeightDecay", eta * WeightDecay, count), AmsGrad);
    }

    public (ParamTree<T> Updates, OptState<T> State) Update<T>(ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = Coefficients<T>(PerTensor.Count(Owner, state));
        return PerTensor.Update(Owner, grads, state, parameters, Slots, (g, m, p) => AdamKernel.Run(g, m, p, c));
    }
}
