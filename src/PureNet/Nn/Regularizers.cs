using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;
using static PureNet.Fn;

namespace PureNet;

/// <summary>Penalties added to a loss (expressions) and constraints applied to values (pure functions of tensors).</summary>
public static class Regularizers
{
    /// <summary>λ Σ |w|.</summary>
    public static Expr L1(Expr w, double lambda) => NonNegative(lambda, nameof(lambda), "L1") * Sum(Abs(Guard.NotNull(w, "L1")));

    /// <summary>½ λ Σ w².</summary>
    public static Expr L2(Expr w, double lambda) => 0.5 * NonNegative(lambda, nameof(lambda), "L2") * Sum(Square(Guard.NotNull(w, "L2")));

    /// <summary>λ max |w| (the L∞ norm): only the largest weights are pulled in; ties share the gradient.</summary>
    public static Expr LInf(Expr w, double lambda) => NonNegative(lambda, nameof(lambda), "LInf") * Max(Abs(Guard.NotNull(w, "LInf")));

    /// <summary>λ₁ Σ |w| + ½ λ₂ Σ w².</summary>
    public static Expr ElasticNet(Expr w, double l1, double l2)
    {
        Guard.NotNull(w, "ElasticNet");
        return NonNegative(l1, nameof(l1), "ElasticNet") * Sum(Abs(w)) + 0.5 * NonNegative(l2, nameof(l2), "ElasticNet") * Sum(Square(w));
    }

    /// <summary>
    /// Projects w onto the ball ‖w‖₂ ≤ c: unchanged inside, scaled to norm c outside (a zero w stays zero). The norm is
    /// taken without overflow (float elements of 3e19 are fine); a NaN or ±∞ element is refused, since no finite
    /// projection exists.
    /// </summary>
    public static Tensor<T> MaxNorm<T>(Tensor<T> w, double c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(w, "MaxNorm");
        Guard.Positive(c, "MaxNorm");
        return MaxNormProjection.Project(w, c, "MaxNorm", "'w'");   // the projection refuses NaN/∞, naming the tensor and index
    }

    /// <summary>Clamps every gradient element to [−limit, limit] (limit may be +∞; NaN elements stay NaN).</summary>
    public static HashMap<string, Tensor<T>> ClipByValue<T>(HashMap<string, Tensor<T>> grads, double limit) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(limit > 0)) throw new ArgumentException($"ClipByValue: limit {limit} must be > 0.", nameof(limit));
        NoNullValues(grads, "ClipByValue");
        return grads.Map(g => PureNet.ClipByValue.Clip(g, limit));
    }

    /// <summary>
    /// Scales all gradients together so their joint L2 norm is at most maxNorm; a zero gradient stays zero. The norm is
    /// taken without overflow; a NaN or ±∞ gradient element is refused, naming the gradient and the index (PyTorch's
    /// error_if_nonfinite), rather than turned into zeros or NaN.
    /// </summary>
    public static HashMap<string, Tensor<T>> ClipByGlobalNorm<T>(HashMap<string, Tensor<T>> grads, double maxNorm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.Positive(maxNorm, "ClipByGlobalNorm");
        NoNullValues(grads, "ClipByGlobalNorm");
        return PureNet.ClipByGlobalNorm.Clip(new ParamTree<T>(grads), maxNorm).Tensors;   // one implementation with the transform: overflow-safe, refuses NaN/∞
    }

    static void NoNullValues<T>(HashMap<string, Tensor<T>> grads, string function) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var (name, g) in grads)
            if (g is null) throw new ArgumentNullException(nameof(grads), $"{function}: gradient '{name}' is null.");
    }

    static double NonNegative(double v, string name, string function) =>
        v >= 0 && double.IsFinite(v) ? v : throw new ArgumentException($"{function}: {name} {v} must be finite and ≥ 0.", name);
}
