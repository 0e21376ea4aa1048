using System.Numerics;

namespace PureNet;

/// <summary>
/// AdaGrad as torch.optim.Adagrad: c ← c + g² (c starts at <paramref name="InitialAccumulatorValue"/>);
/// u = −η̃·g / (√c + ε) with η̃ = η / (1 + t·<paramref name="LrDecay"/>) at step t = 0, 1, …. Defaults as PyTorch (ε = 1e-10, no decay, c₀ = 0).
/// </summary>
public sealed record AdaGrad(LrSchedule Lr, double Eps = 1e-10, double LrDecay = 0, double InitialAccumulatorValue = 0) : IGradientTransform
{
    public LrSchedule Lr { get; } = Check.Lr("AdaGrad", Lr);
    public double Eps { get; } = Check.Positive("AdaGrad", nameof(Eps), Eps);
    public double LrDecay { get; } = Check.NonNegative("AdaGrad", nameof(LrDecay), LrDecay);
    public double InitialAccumulatorValue { get; } = Check.NonNegative("AdaGrad", nameof(InitialAccumulatorValue), InitialAccumulatorValue);

    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        _ = Rule<T>(0);
        return PerTensor.Init(parameters, Hyper.As<T>("AdaGrad", nameof(InitialAccumulatorValue), InitialAccumulatorValue), "cache");
    }

    SquareAverageRule<T> Rule<T>(long step) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(-Hyper.Rate<T>("AdaGrad", LrDecay == 0 ? nameof(Lr) : "Lr / (1 + t·LrDecay)", Lr.At(step) / (1 + step * LrDecay), step),
            Hyper.As<T>("AdaGrad", nameof(Eps), Eps), T.One, T.One);

    public (ParamTree<T> Updates, OptState<T> State) Update<T>(ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rule = Rule<T>(PerTensor.Count("AdaGrad", state));
        return PerTensor.Update("AdaGrad", grads, state, parameters, ["cache"], (g, m, _) =>
        {
            var (u, c) = MomentKernel.Run(g, m[0], rule);
            return (u, [c]);
        });
    }
}
