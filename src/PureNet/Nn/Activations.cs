using static PureNet.Fn;

namespace PureNet;

/// <summary>Activation functions, each a composition of primitives (so each inherits its ops' derivative rules).</summary>
public static class Activations
{
    /// <summary>Heaviside step: 1 where x &gt; 0, else 0. Piecewise constant: its derivative is 0 (also at 0).</summary>
    public static Expr Step(Expr x) => Greater(x, ZerosLike(x));

    /// <summary>x where x &gt; 0, else <paramref name="otherwise"/>: the select behind the ReLU family (the tie at 0 takes the other branch).</summary>
    static Expr PositivePart(Expr x, Expr otherwise) => Where(Step(x), x, otherwise);

    public static Expr Identity(Expr x) => x;

    /// <summary>max(x, 0) with relu′(0) = 0: a select, not a maximum, so the tie gives nothing.</summary>
    public static Expr Relu(Expr x) => PositivePart(x, ZerosLike(x));

    /// <summary>x for x &gt; 0, slope·x otherwise.</summary>
    public static Expr LeakyRelu(Expr x, double slope = 0.01) =>
        double.IsFinite(slope) ? PositivePart(x, slope * x)
        : throw new ArgumentException($"LeakyRelu: slope {slope} must be finite.", nameof(slope));

    /// <summary>LeakyRelu with a learnable slope (an expression, e.g. a parameter of shape [] or [channels]); its gradient reaches the slope.</summary>
    public static Expr PRelu(Expr x, Expr slope) => PositivePart(x, slope * x);

    /// <summary>x for x &gt; 0, α(eˣ − 1) otherwise; eˣ is taken of min(x, 0) so large x cannot overflow.</summary>
    public static Expr Elu(Expr x, double alpha = 1.0)
    {
        if (!double.IsFinite(alpha)) throw new ArgumentException($"Elu: alpha {alpha} must be finite.", nameof(alpha));
        var positive = Step(x);
        return Where(positive, x, alpha * (Exp(Where(positive, ZerosLike(x), x)) - 1.0));
    }

    /// <summary>x·Φ(x) = ½x(1 + erf(x/√2)); with <paramref name="tanhApproximation"/>, ½x(1 + tanh(√(2/π)(x + 0.044715x³))).</summary>
    public static Expr Gelu(Expr x, bool tanhApproximation = false) =>
        tanhApproximation
            ? 0.5 * x * (1.0 + Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)))
            : 0.5 * x * (1.0 + Erf(x / Math.Sqrt(2)));

    /// <summary>ln(1 + eˣ) computed as max(x, 0) + ln(1 + e^(−|x|)): finite for every finite x.</summary>
    public static Expr Softplus(Expr x) => Relu(x) + Log1p(Exp(-Abs(x)));

    /// <summary>e^(x − m) / Σ e^(x − m) over an axis, m the (constant) row maximum: logits of ±1000 stay finite.</summary>
    public static Expr Softmax(Expr x, int axis = -1)
    {
        var e = Exp(Shifted(x, axis));
        return e / Sum(e, axis, keepDims: true);
    }

    /// <summary>(x − m) − ln Σ e^(x − m) over an axis: log-probabilities without forming a probability first.</summary>
    public static Expr LogSoftmax(Expr x, int axis = -1)
    {
        var z = Shifted(x, axis);
        return z - Log(Sum(Exp(z), axis, keepDims: true));
    }

    /// <summary>x minus its maximum along the axis; the maximum is a constant for differentiation (softmax does not depend on it).</summary>
    static Expr Shifted(Expr x, int axis) => x - StopGradient(Max(x, axis, keepDims: true));
}
