using LanguageExt;
using static PureNet.Fn;

namespace PureNet;

/// <summary>
/// Batch normalization for (N, D) or (N, C, H, W) input: batch statistics in training, running averages in evaluation.
/// The running averages are variables bound like parameters; <see cref="Apply"/> returns their EMA-updated values as
/// expressions (new state), so nothing is mutated. The running variance averages the unbiased batch variance (PyTorch's rule).
/// </summary>
/// <param name="Name">The layer's name, prefixing its variables' names (<c>{Name}.gamma</c>, <c>{Name}.running_mean</c>…).</param>
/// <param name="Features">The channel count D (or C), ≥ 1.</param>
/// <param name="Momentum">The running averages' update weight m in [0, 1]: r ← (1 − m)·r + m·batch (PyTorch's convention).</param>
/// <param name="Eps">ε added to the variance, finite and &gt; 0.</param>
/// <exception cref="ArgumentException"><paramref name="Name"/> is empty, <paramref name="Features"/> &lt; 1, <paramref name="Momentum"/> outside [0, 1], or <paramref name="Eps"/> not finite and &gt; 0 (also when changed with <c>with</c>).</exception>
public sealed record BatchNorm(string Name, int Features, double Momentum = 0.1, double Eps = 1e-5)
{
    // Checked when built and when copied with `with`, so a layer never holds a size it cannot use.
    /// <summary>The layer's name, prefixing its variables' names.</summary>
    public string Name { get; init => field = Params.LayerName("BatchNorm", value); } = Params.LayerName("BatchNorm", Name);
    /// <summary>The channel count, ≥ 1.</summary>
    public int Features { get; init => field = Params.Positive($"BatchNorm '{Name}'", value, nameof(Features)); } = Params.Positive($"BatchNorm '{Name}'", Features, nameof(Features));
    /// <summary>The running averages' update weight, in [0, 1].</summary>
    public double Momentum { get; init => field = Params.InRange($"BatchNorm '{Name}'", value, nameof(Momentum), 0, 1); } = Params.InRange($"BatchNorm '{Name}'", Momentum, nameof(Momentum), 0, 1);
    /// <summary>ε added to the variance, finite and &gt; 0.</summary>
    public double Eps { get; init => field = Params.PositiveReal($"BatchNorm '{Name}'", value, nameof(Eps)); } = Params.PositiveReal($"BatchNorm '{Name}'", Eps, nameof(Eps));

    /// <summary>The scale γ, <c>{Name}.gamma</c> [Features]: a parameter.</summary>
    public Variable Gamma => Variable($"{Name}.gamma", Features);
    /// <summary>The shift β, <c>{Name}.beta</c> [Features]: a parameter.</summary>
    public Variable Beta => Variable($"{Name}.beta", Features);
    /// <summary>The running mean, <c>{Name}.running_mean</c> [Features]: state, bound like a parameter but not trained.</summary>
    public Variable RunningMean => Variable($"{Name}.running_mean", Features);
    /// <summary>The running variance, <c>{Name}.running_var</c> [Features]: state, bound like a parameter but not trained.</summary>
    public Variable RunningVar => Variable($"{Name}.running_var", Features);

    /// <summary>The trained parameters, γ and β (the running statistics are state, not parameters).</summary>
    public Seq<Variable> Parameters => LanguageExt.Prelude.Seq(Gamma, Beta);

    /// <summary>The output, and the new running mean and variance (by name) to bind in the next call.</summary>
    /// <param name="x">The input [N, Features] or [N, Features, H, W], only N open.</param>
    /// <param name="training">True: normalize by the batch's statistics and update the running averages; false: by the running averages.</param>
    /// <returns>The normalized output shaped like <paramref name="x"/>, and in training the running statistics' new values by variable name (empty in evaluation).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="x"/> is not [N, Features] or [N, Features, H, W] with only N open.</exception>
    public (Expr Output, HashMap<string, Expr> NewState) Apply(Expr x, bool training)
    {
        Guard.NotNull(x, $"BatchNorm '{Name}'");
        if ((x.Shape.Rank != 2 && x.Shape.Rank != 4) || x.Shape[1] != Features || x.Shape.Skip(1).Contains(Dim.Batch))
            throw new ShapeException($"BatchNorm '{Name}': input {x.Shape} must be [N, {Features}] or [N, {Features}, H, W] (Features = {Features}, only N open).");
        var axes = x.Shape.Rank == 2 ? new Axes(0) : new Axes(0, 2, 3);
        Shape perChannel = x.Shape.Rank == 2 ? new Shape(1, Features) : new Shape(1, Features, 1, 1);
        Expr Channel(Expr v) => Reshape(v, perChannel);
        var affine = (Expr xhat) => xhat * Channel(Gamma) + Channel(Beta);
        if (!training)
            return (affine((x - Channel(RunningMean)) / Sqrt(Channel(RunningVar) + Eps)), HashMap<string, Expr>.Empty);
        var (mean, variance) = Normalization.Moments(x, axes);
        var output = affine((x - mean) / Sqrt(variance + Eps));
        // The output uses the biased variance (the batch's own spread); the running variance averages the unbiased one,
        // n/(n − 1) times it with n = N (or N·H·W) values per channel, as PyTorch does, so it estimates the population's.
        // An empty batch has no statistics (its mean is 0/0), and a single value has no unbiased variance (0/0): the
        // running averages they cannot inform stay as they were, never NaN.
        var n = Count(x, axes);
        var unbiased = variance * (n / Maximum(n - 1, Scalar(1)));
        Expr Ema(Variable running, Expr batch, Expr informed) =>
            Where(informed, (1 - Momentum) * running + Momentum * Reshape(StopGradient(batch), Features), running);
        var state = HashMap<string, Expr>.Empty
            .Add(RunningMean.Name, Ema(RunningMean, mean, Greater(n, Scalar(0))))
            .Add(RunningVar.Name, Ema(RunningVar, unbiased, Greater(n, Scalar(1))));
        return (output, state);
    }

    /// <summary>γ = 1, β = 0, running mean 0, running variance 1.</summary>
    /// <returns>The four tensors by variable name.</returns>
    public HashMap<string, Tensor<double>> Init() => Params.Empty
        .Add(Gamma.Name, Tensor.Ones<double>(Gamma.Shape)).Add(Beta.Name, Tensor.Zeros<double>(Beta.Shape))
        .Add(RunningMean.Name, Tensor.Zeros<double>(RunningMean.Shape)).Add(RunningVar.Name, Tensor.Ones<double>(RunningVar.Shape));
}
