using System.Runtime.CompilerServices;
using static PureNet.Fn;

namespace PureNet;

/// <summary>Normalization as functions of expressions: standardize over some axes, then scale and shift.</summary>
public static class Normalization
{
    /// <summary>(x − mean) / √(var + ε) over the axes; a constant input gives 0, never NaN (ε must be finite and &gt; 0).</summary>
    /// <param name="x">The input.</param>
    /// <param name="axes">The axes the statistics are taken over.</param>
    /// <param name="eps">ε, finite and &gt; 0.</param>
    /// <returns>An expression shaped like <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="axes"/> is null.</exception>
    /// <exception cref="ShapeException">An axis is out of range or repeated.</exception>
    /// <exception cref="ArgumentException"><paramref name="eps"/> is not finite and &gt; 0.</exception>
    public static Expr Standardize(Expr x, Axes axes, double eps = 1e-5) => Standardized(x, axes, eps, "Standardize");

    static Expr Standardized(Expr x, Axes axes, double eps, string function)
    {
        Guard.NotNull(x, function);
        Guard.NotNull(axes, function).Normalize(x.Shape, function);
        Guard.Positive(eps, function);
        var (mean, variance) = Moments(x, axes);
        return (x - mean) / Sqrt(variance + eps);
    }

    /// <summary>Mean and (biased) variance over the axes, kept as size-1 axes so they broadcast against x.</summary>
    /// <param name="x">The input.</param>
    /// <param name="axes">The axes the statistics are taken over.</param>
    /// <returns>The mean and the variance, each shaped like x with the axes kept at size 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="axes"/> is null.</exception>
    /// <exception cref="ShapeException">An axis is out of range or repeated.</exception>
    public static (Expr Mean, Expr Variance) Moments(Expr x, Axes axes)
    {
        Guard.NotNull(x, "Moments");
        Guard.NotNull(axes, "Moments").Normalize(x.Shape, "Moments");
        var mean = Mean(x, axes, keepDims: true);
        var centered = x - mean;
        return (mean, Mean(centered * centered, axes, keepDims: true));
    }

    /// <summary>
    /// Layer norm: standardize each example over its feature axes (all but the first), then γ·x̂ + β, γ and β shaped like
    /// (a broadcastable part of) the feature axes. x needs rank ≥ 2: [N, features…].
    /// </summary>
    /// <param name="x">The input [N, features…].</param>
    /// <param name="gamma">The scale γ, broadcasting onto the feature axes.</param>
    /// <param name="beta">The shift β, broadcasting onto the feature axes.</param>
    /// <param name="eps">ε, finite and &gt; 0.</param>
    /// <returns>An expression shaped like <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/>, <paramref name="gamma"/> or <paramref name="beta"/> is null.</exception>
    /// <exception cref="ShapeException">x has rank below 2, or γ or β does not broadcast onto the feature axes.</exception>
    /// <exception cref="ArgumentException"><paramref name="eps"/> is not finite and &gt; 0.</exception>
    public static Expr LayerNorm(Expr x, Expr gamma, Expr beta, double eps = 1e-5)
    {
        Guard.Rank(x, "LayerNorm", 2);
        var features = new Shape(x.Shape.Skip(1));
        Affine(gamma, features, "LayerNorm", $"the feature axes {features} of x {x.Shape}");
        Affine(beta, features, "LayerNorm", $"the feature axes {features} of x {x.Shape}");
        return Standardized(x, new Axes(Enumerable.Range(1, x.Shape.Rank - 1)), eps, "LayerNorm") * gamma + beta;
    }

    /// <summary>Group norm on NCHW: channels split into groups, each standardized over (channels of the group, H, W); γ, β of shape [C].</summary>
    /// <param name="x">The input [N, C, H, W].</param>
    /// <param name="groups">The number of groups, ≥ 1, dividing C.</param>
    /// <param name="gamma">The scale γ, [C].</param>
    /// <param name="beta">The shift β, [C].</param>
    /// <param name="eps">ε, finite and &gt; 0.</param>
    /// <returns>An expression shaped like <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/>, <paramref name="gamma"/> or <paramref name="beta"/> is null.</exception>
    /// <exception cref="ShapeException">x is not NCHW with only N open, or γ or β is not shaped [C].</exception>
    /// <exception cref="ArgumentException"><paramref name="groups"/> does not divide C, or <paramref name="eps"/> is not finite and &gt; 0.</exception>
    public static Expr GroupNorm(Expr x, int groups, Expr gamma, Expr beta, double eps = 1e-5) => Grouped(x, groups, gamma, beta, eps, "GroupNorm");

    /// <summary>Instance norm on NCHW: group norm with one channel per group.</summary>
    /// <param name="x">The input [N, C, H, W].</param>
    /// <param name="gamma">The scale γ, [C].</param>
    /// <param name="beta">The shift β, [C].</param>
    /// <param name="eps">ε, finite and &gt; 0.</param>
    /// <returns>An expression shaped like <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/>, <paramref name="gamma"/> or <paramref name="beta"/> is null.</exception>
    /// <exception cref="ShapeException">x is not NCHW with only N open, or γ or β is not shaped [C].</exception>
    /// <exception cref="ArgumentException"><paramref name="eps"/> is not finite and &gt; 0.</exception>
    public static Expr InstanceNorm(Expr x, Expr gamma, Expr beta, double eps = 1e-5)
    {
        Guard.Rank(x, "InstanceNorm", 4, 4);
        return Grouped(x, x.Shape[1], gamma, beta, eps, "InstanceNorm");
    }

    static Expr Grouped(Expr x, int groups, Expr gamma, Expr beta, double eps, string function)
    {
        Guard.Rank(x, function, 4, 4);
        if (x.Shape.Skip(1).Contains(Dim.Batch))
            throw new ShapeException($"{function}: x {x.Shape} must be NCHW with only N open (Dim.Batch).");
        var c = x.Shape[1];
        if (groups < 1 || c % groups != 0)
            throw new ArgumentException($"{function}: {c} channels of x {x.Shape} are not divisible by groups = {groups}; groups must be ≥ 1 and divide the channel count.", nameof(groups));
        var perChannel = new Shape(c);
        if (Guard.NotNull(gamma, function).Shape != perChannel || Guard.NotNull(beta, function).Shape != perChannel)
            throw new ShapeException($"{function}: gamma {gamma.Shape} and beta {beta.Shape} must both be [{c}], one per channel of x {x.Shape}.");
        var grouped = Reshape(x, x.Shape[0], groups, c / groups, x.Shape[2], x.Shape[3]);
        var normed = Reshape(Standardized(grouped, new Axes(2, 3, 4), eps, function), x.Shape);
        return normed * Reshape(gamma, c, 1, 1) + Reshape(beta, c, 1, 1);
    }

    /// <summary>
    /// AlexNet's local response normalization across channels: bᶜ = aᶜ / (k + α Σ (aᶜ′)²)^β, the sum over the n channels
    /// centred on c (fewer at the edges), for x [N, C, …]. The paper's form, α not divided by n (PyTorch's
    /// LocalResponseNorm takes α/n: pass its α divided by n). Defaults are AlexNet's: n = 5, α = 1e-4, β = 0.75, k = 2.
    /// </summary>
    /// <param name="x">The input [N, C, …], C concrete.</param>
    /// <param name="n">The window of channels, ≥ 1.</param>
    /// <param name="alpha">α, finite and ≥ 0.</param>
    /// <param name="beta">β, finite and ≥ 0.</param>
    /// <param name="k">k, finite and &gt; 0.</param>
    /// <returns>An expression shaped like <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException">x has rank below 2 or an open channel axis.</exception>
    /// <exception cref="ArgumentException"><paramref name="n"/> is below 1, or α, β or k is out of range.</exception>
    public static Expr LocalResponse(Expr x, int n = 5, double alpha = 1e-4, double beta = 0.75, double k = 2)
    {
        const string function = "LocalResponse";
        Guard.Rank(x, function, 2);
        if (n < 1) throw new ArgumentException($"{function}: window n = {n} must be ≥ 1.", nameof(n));
        Guard.Positive(k, function);
        if (!(alpha >= 0) || double.IsInfinity(alpha)) throw new ArgumentException($"{function}: alpha {alpha} must be finite and ≥ 0.", nameof(alpha));
        if (!(beta >= 0) || double.IsInfinity(beta)) throw new ArgumentException($"{function}: beta {beta} must be finite and ≥ 0.", nameof(beta));
        var c = x.Shape[1];
        if (c == Dim.Batch) throw new ShapeException($"{function}: x {x.Shape} must have a concrete channel axis (axis 1).");
        var before = new int[x.Shape.Rank];
        var after = new int[x.Shape.Rank];
        (before[1], after[1]) = (n / 2, (n - 1) / 2);
        var squares = Pad(Square(x), before, after);                          // zero channels beyond the edges
        var window = Enumerable.Range(0, n).Select(j => Slice(squares, 1, j, c)).Aggregate(Add);
        return x / Pow(k + alpha * window, beta);
    }

    /// <summary>Weight norm: w = g · v / ‖v‖ over the first axis (one norm per output column); ε keeps a zero v finite.</summary>
    /// <param name="v">The direction v, rank ≥ 1 (a dense weight [In, Out]).</param>
    /// <param name="g">The magnitude g, broadcasting onto the column norms [1, Out…].</param>
    /// <param name="eps">ε, finite and &gt; 0.</param>
    /// <returns>The weight w, shaped like <paramref name="v"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="v"/> or <paramref name="g"/> is null.</exception>
    /// <exception cref="ShapeException">v has rank 0, or g does not broadcast onto its column norms.</exception>
    /// <exception cref="ArgumentException"><paramref name="eps"/> is not finite and &gt; 0.</exception>
    public static Expr WeightNorm(Expr v, Expr g, double eps = 1e-12)
    {
        Guard.Rank(v, "WeightNorm", 1);
        Guard.Positive(eps, "WeightNorm");
        var norms = v.Shape.SetItem(0, 1);
        Affine(g, norms, "WeightNorm", $"the column norms {norms} of v {v.Shape}");
        return g * v / Sqrt(Sum(v * v, 0, keepDims: true) + eps);
    }

    /// <summary>Cosine norm: w·x / (‖w‖ ‖x‖) for x [N, D] and w [D, M]; ε keeps zero vectors finite.</summary>
    /// <param name="x">The input [N, D].</param>
    /// <param name="w">The weight [D, M].</param>
    /// <param name="eps">ε, finite and &gt; 0.</param>
    /// <returns>The cosines [N, M], each in [−1, 1].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="w"/> is null.</exception>
    /// <exception cref="ShapeException">x or w is not of rank 2, or their inner sizes differ.</exception>
    /// <exception cref="ArgumentException"><paramref name="eps"/> is not finite and &gt; 0.</exception>
    public static Expr CosineNorm(Expr x, Expr w, double eps = 1e-12)
    {
        Guard.Rank(x, "CosineNorm", 2, 2);
        Guard.Rank(w, "CosineNorm", 2, 2);
        Guard.Positive(eps, "CosineNorm");
        if (x.Shape[1] != w.Shape[0])
            throw new ShapeException($"CosineNorm: x {x.Shape} and w {w.Shape} do not match; rule: x [N, D], w [D, M].");
        return MatMul(x, w) / (Sqrt(Sum(x * x, -1, keepDims: true) + eps) * Sqrt(Sum(w * w, 0, keepDims: true) + eps));
    }

    /// <summary>A scale or shift must broadcast onto what it scales without growing the result.</summary>
    static void Affine(Expr p, Shape target, string function, string what, [CallerArgumentExpression(nameof(p))] string name = "")
    {
        if (!Broadcast.Reaches(Guard.NotNull(p, function, name).Shape, target))
            throw new ShapeException($"{function}: {name} {p.Shape} does not broadcast onto {what}; it must be shaped like them (or a trailing part of them).");
    }
}
