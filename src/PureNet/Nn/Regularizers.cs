using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;
using static PureNet.Fn;

namespace PureNet;

/// <summary>Penalties added to a loss (expressions) and constraints applied to values (pure functions of tensors).</summary>
public static class Regularizers
{
    /// <summary>The L1 penalty λ Σ |w| (its gradient λ·sign(w) pulls weights to exactly 0).</summary>
    /// <param name="w">The weight, of any shape.</param>
    /// <param name="lambda">The strength λ, finite and ≥ 0.</param>
    /// <returns>A scalar expression to add to the loss.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="w"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="lambda"/> is negative, NaN or infinite.</exception>
    public static Expr L1(Expr w, double lambda) => NonNegative(lambda, nameof(lambda), "L1") * Sum(Abs(Guard.NotNull(w, "L1")));

    /// <summary>The L2 penalty ½ λ Σ w² (its gradient λ·w: weight decay).</summary>
    /// <param name="w">The weight, of any shape.</param>
    /// <param name="lambda">The strength λ, finite and ≥ 0.</param>
    /// <returns>A scalar expression to add to the loss.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="w"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="lambda"/> is negative, NaN or infinite.</exception>
    public static Expr L2(Expr w, double lambda) => 0.5 * NonNegative(lambda, nameof(lambda), "L2") * Sum(Square(Guard.NotNull(w, "L2")));

    /// <summary>λ max |w| (the L∞ norm): only the largest weights are pulled in; ties share the gradient.</summary>
    /// <param name="w">The weight, of any shape.</param>
    /// <param name="lambda">The strength λ, finite and ≥ 0.</param>
    /// <returns>A scalar expression to add to the loss.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="w"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="lambda"/> is negative, NaN or infinite.</exception>
    public static Expr LInf(Expr w, double lambda) => NonNegative(lambda, nameof(lambda), "LInf") * Max(Abs(Guard.NotNull(w, "LInf")));

    /// <summary>The elastic net λ₁ Σ |w| + ½ λ₂ Σ w².</summary>
    /// <param name="w">The weight, of any shape.</param>
    /// <param name="l1">The L1 strength λ₁, finite and ≥ 0.</param>
    /// <param name="l2">The L2 strength λ₂, finite and ≥ 0.</param>
    /// <returns>A scalar expression to add to the loss.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="w"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="l1"/> or <paramref name="l2"/> is negative, NaN or infinite.</exception>
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
    /// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="w">The weight.</param>
    /// <param name="c">The largest norm, finite and &gt; 0.</param>
    /// <returns><paramref name="w"/> itself when ‖w‖₂ ≤ c, else w·c/‖w‖₂.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="w"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="c"/> is not finite and &gt; 0, or an element of w is NaN or ±∞.</exception>
    public static Tensor<T> MaxNorm<T>(Tensor<T> w, double c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(w, "MaxNorm");
        Guard.Positive(c, "MaxNorm");
        return MaxNormProjection.Project(w, c, "MaxNorm", "'w'");   // the projection refuses NaN/∞, naming the tensor and index
    }

    /// <summary>Clamps every gradient element to [−limit, limit] (limit may be +∞; NaN elements stay NaN).</summary>
    /// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="grads">The gradients by name.</param>
    /// <param name="limit">The bound, &gt; 0.</param>
    /// <returns>The clamped gradients, by the same names.</returns>
    /// <exception cref="ArgumentNullException">A gradient is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="limit"/> is not &gt; 0.</exception>
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
    /// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="grads">The gradients by name.</param>
    /// <param name="maxNorm">The largest joint norm, finite and &gt; 0.</param>
    /// <returns>The gradients scaled by min(1, maxNorm/‖g‖₂), by the same names.</returns>
    /// <exception cref="ArgumentNullException">A gradient is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="maxNorm"/> is not finite and &gt; 0, or a gradient element is NaN or ±∞.</exception>
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
