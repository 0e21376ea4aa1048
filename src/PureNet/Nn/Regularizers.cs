using System.Numerics;
using LanguageExt;
using static PureNet.Fn;

namespace PureNet;

/// <summary>Penalties added to a loss (expressions) and constraints applied to values (pure functions of tensors).</summary>
public static class Regularizers
{
    /// <summary>λ Σ |w|.</summary>
    public static Expr L1(Expr w, double lambda) => NonNegative(lambda, nameof(lambda)) * Sum(Abs(w));

    /// <summary>½ λ Σ w².</summary>
    public static Expr L2(Expr w, double lambda) => 0.5 * NonNegative(lambda, nameof(lambda)) * Sum(w * w);

    /// <summary>λ₁ Σ |w| + ½ λ₂ Σ w².</summary>
    public static Expr ElasticNet(Expr w, double l1, double l2) => L1(w, l1) + L2(w, l2);

    /// <summary>Projects w onto the ball ‖w‖₂ ≤ c: unchanged inside, scaled to norm c outside (a zero w stays zero).</summary>
    public static Tensor<T> MaxNorm<T>(Tensor<T> w, double c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(c > 0) || double.IsInfinity(c)) throw new ArgumentException($"MaxNorm: c {c} must be finite and > 0.", nameof(c));
        return MaxNormProjection.Project(w, c);   // one implementation with the optimizer transform (overflow-safe norm)
    }

    /// <summary>Clamps every gradient element to [−limit, limit].</summary>
    public static HashMap<string, Tensor<T>> ClipByValue<T>(HashMap<string, Tensor<T>> grads, double limit) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(limit > 0)) throw new ArgumentException($"ClipByValue: limit {limit} must be > 0.", nameof(limit));
        return grads.Map(g => PureNet.ClipByValue.Clip(g, limit));
    }

    /// <summary>Scales all gradients together so their joint L2 norm is at most maxNorm; a zero gradient stays zero.</summary>
    public static HashMap<string, Tensor<T>> ClipByGlobalNorm<T>(HashMap<string, Tensor<T>> grads, double maxNorm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(maxNorm > 0) || double.IsInfinity(maxNorm)) throw new ArgumentException($"ClipByGlobalNorm: maxNorm {maxNorm} must be finite and > 0.", nameof(maxNorm));
        return PureNet.ClipByGlobalNorm.Clip(new ParamTree<T>(grads), maxNorm).Tensors;
    }

    static double NonNegative(double v, string name) =>
        v >= 0 && double.IsFinite(v) ? v : throw new ArgumentException($"Regularizer: {name} {v} must be finite and ≥ 0.", name);
}
