using static PureNet.Fn;

namespace PureNet;

/// <summary>Normalization as functions of expressions: standardize over some axes, then scale and shift.</summary>
public static class Normalization
{
    /// <summary>(x − mean) / √(var + ε) over the axes; a constant input gives 0, never NaN (ε &gt; 0).</summary>
    public static Expr Standardize(Expr x, Axes axes, double eps = 1e-5)
    {
        if (!(eps > 0)) throw new ArgumentException($"Normalization: eps {eps} must be > 0.", nameof(eps));
        var (mean, variance) = Moments(x, axes);
        return (x - mean) / Sqrt(variance + eps);
    }

    /// <summary>Mean and (biased) variance over the axes, kept as size-1 axes so they broadcast against x.</summary>
    public static (Expr Mean, Expr Variance) Moments(Expr x, Axes axes)
    {
        var mean = Mean(x, axes, keepDims: true);
        var centered = x - mean;
        return (mean, Mean(centered * centered, axes, keepDims: true));
    }

    /// <summary>Layer norm: standardize each example over its feature axes (all but the first), then γ·x̂ + β (γ, β shaped like the last axes).</summary>
    public static Expr LayerNorm(Expr x, Expr gamma, Expr beta, double eps = 1e-5) =>
        Standardize(x, new Axes(Enumerable.Range(1, x.Shape.Rank - 1)), eps) * gamma + beta;

    /// <summary>Group norm on NCHW: channels split into groups, each standardized over (channels of the group, H, W); γ, β per channel.</summary>
    public static Expr GroupNorm(Expr x, int groups, Expr gamma, Expr beta, double eps = 1e-5)
    {
        if (x.Shape.Rank != 4) throw new ShapeException($"GroupNorm: input {x.Shape} must be NCHW.");
        var c = x.Shape[1];
        if (groups < 1 || c % groups != 0)
            throw new ArgumentException($"GroupNorm: {c} channels are not divisible by groups = {groups}; groups must be ≥ 1 and divide the channel count.", nameof(groups));
        var grouped = Reshape(x, x.Shape[0], groups, c / groups, x.Shape[2], x.Shape[3]);
        var normed = Reshape(Standardize(grouped, new Axes(2, 3, 4), eps), x.Shape);
        return normed * Reshape(gamma, c, 1, 1) + Reshape(beta, c, 1, 1);
    }

    /// <summary>Instance norm: group norm with one channel per group.</summary>
    public static Expr InstanceNorm(Expr x, Expr gamma, Expr beta, double eps = 1e-5) => GroupNorm(x, x.Shape[1], gamma, beta, eps);

    /// <summary>Weight norm: w = g · v / ‖v‖ over the first axis (one norm per output column); ε keeps a zero v finite.</summary>
    public static Expr WeightNorm(Expr v, Expr g, double eps = 1e-12) => g * v / Sqrt(Sum(v * v, 0, keepDims: true) + eps);

    /// <summary>Cosine norm: w·x / (‖w‖ ‖x‖) for x [N, D] and w [D, M]; ε keeps zero vectors finite.</summary>
    public static Expr CosineNorm(Expr x, Expr w, double eps = 1e-12) =>
        MatMul(x, w) / (Sqrt(Sum(x * x, -1, keepDims: true) + eps) * Sqrt(Sum(w * w, 0, keepDims: true) + eps));
}
