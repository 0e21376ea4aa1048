using static PureNet.Fn;

namespace PureNet;

/// <summary>Activation functions, each a composition of primitives (so each inherits its ops' derivative rules).</summary>
public static class Activations
{
    /// <summary>Heaviside step: 1 where x &gt; 0, else 0, and NaN stays NaN. Piecewise constant: its derivative is 0 (also at 0).</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>An expression shaped like <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr Step(Expr x)
    {
        Guard.NotNull(x, "Step");
        return Where(Equal(x, x), Greater(x, ZerosLike(x)), x);
    }

    /// <summary>x where x &gt; 0, else <paramref name="otherwise"/>: the select behind the ReLU family (the tie at 0 takes the
    /// other branch; a NaN x fails the test x ≤ 0 and so stays NaN, as in PyTorch).</summary>
    static Expr PositivePart(Expr x, Expr otherwise) => Where(Compare(x, CompareKind.LessOrEqual, ZerosLike(x)), otherwise, x);

    /// <summary>x itself: the linear activation, for a layer list that names one per layer.</summary>
    /// <param name="x">The input.</param>
    /// <returns><paramref name="x"/> (the same node).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr Identity(Expr x) => Guard.NotNull(x, "Identity");

    /// <summary>
    /// max(x, 0) with relu′(0) = 0 (NaN stays NaN, as in PyTorch), one primitive with a one-pass backward. A compiled
    /// plan fuses a bias add before it (relu(x·W + b)) into the same pass (<see cref="BiasActivationFusion"/>).
    /// </summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>An expression shaped like <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr Relu(Expr x) => Unary(new ReluOp(), Guard.NotNull(x, "Relu"));

    /// <summary>x for x &gt; 0, slope·x otherwise.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="slope">The slope for x ≤ 0, finite (PyTorch's default 0.01).</param>
    /// <returns>An expression shaped like <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="slope"/> is NaN or infinite.</exception>
    public static Expr LeakyRelu(Expr x, double slope = 0.01) =>
        PositivePart(Guard.NotNull(x, "LeakyRelu"), Guard.Finite(slope, "LeakyRelu") * x);

    /// <summary>LeakyRelu with a learnable slope (an expression, e.g. a parameter of shape [] or [channels]); its gradient reaches the slope.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="slope">The slope for x ≤ 0, broadcasting to x: [] for one, [channels] for one per channel of the last axis.</param>
    /// <returns>An expression shaped like <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="slope"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="slope"/> does not broadcast to x's shape.</exception>
    public static Expr PRelu(Expr x, Expr slope)
    {
        Guard.NotNull(x, "PRelu");
        Guard.NotNull(slope, "PRelu");
        if (!Broadcast.Reaches(slope.Shape, x.Shape))
            throw new ShapeException($"PRelu: slope {slope.Shape} does not broadcast to x {x.Shape}; use [] for one slope or [channels] matching x's last axis.");
        return PositivePart(x, slope * x);
    }

    /// <summary>
    /// The two-slope activation: k₁·x for x ≥ 0 and k₂·x for x &lt; 0, both slopes learnable (expressions broadcasting
    /// to x: [] for one pair, [channels] per channel). k₁ = 1, k₂ = 0.01 starts as a leaky ReLU.
    /// </summary>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="k1">The slope for x ≥ 0, broadcasting to x.</param>
    /// <param name="k2">The slope for x &lt; 0, broadcasting to x.</param>
    /// <returns>An expression shaped like <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/>, <paramref name="k1"/> or <paramref name="k2"/> is null.</exception>
    /// <exception cref="ShapeException">A slope does not broadcast to x's shape.</exception>
    public static Expr TwoSlope(Expr x, Expr k1, Expr k2)
    {
        Guard.NotNull(x, "TwoSlope");
        foreach (var (k, name) in new[] { (k1, nameof(k1)), (k2, nameof(k2)) })
            if (!Broadcast.Reaches(Guard.NotNull(k, "TwoSlope").Shape, x.Shape))
                throw new ShapeException($"TwoSlope: slope {name} {k.Shape} does not broadcast to x {x.Shape}; use [] for one slope or [channels] matching x's last axis.");
        return Where(Compare(x, CompareKind.Less, ZerosLike(x)), k2 * x, k1 * x);
    }

    /// <summary>
    /// A SPLASH unit: Σₛ a⁺ₛ·max(0, x − bₛ) + Σₛ a⁻ₛ·max(0, −x − bₛ), piecewise linear with fixed hinges bₛ ≥ 0 (given in
    /// increasing order, the first usually 0) and learnable slopes a⁺, a⁻ (shape [hinges], one per hinge and side).
    /// a⁺ = (1, 0, …), a⁻ = 0 starts as a ReLU.
    /// </summary>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="hinges">The hinges bₛ: finite, ≥ 0, strictly increasing, at least one.</param>
    /// <param name="positive">The slopes a⁺, shape [hinges].</param>
    /// <param name="negative">The slopes a⁻, shape [hinges].</param>
    /// <returns>An expression shaped like <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/>, <paramref name="hinges"/>, <paramref name="positive"/> or <paramref name="negative"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="hinges"/> is empty, not finite, negative or not strictly increasing.</exception>
    /// <exception cref="ShapeException">A slope vector is not shaped [hinges].</exception>
    public static Expr Splash(Expr x, double[] hinges, Expr positive, Expr negative)
    {
        Guard.NotNull(x, "Splash");
        Guard.NotNull(hinges, "Splash");
        if (hinges.Length == 0 || hinges.Any(b => !double.IsFinite(b) || b < 0) || hinges.Zip(hinges.Skip(1)).Any(p => p.Item1 >= p.Item2))
            throw new ArgumentException($"Splash: hinges [{string.Join(", ", hinges)}] must be finite, ≥ 0 and strictly increasing, at least one.", nameof(hinges));
        var s = new Shape(hinges.Length);
        Guard.NotNull(positive, "Splash");
        Guard.NotNull(negative, "Splash");
        if (positive.Shape != s || negative.Shape != s)
            throw new ShapeException($"Splash: slopes {positive.Shape} and {negative.Shape} must both be {s}, one per hinge.");
        Expr Slope(Expr a, int i) => Reshape(Slice(a, 0, i, 1), Shape.Scalar);
        return hinges.Select((b, i) => Slope(positive, i) * Relu(x - b) + Slope(negative, i) * Relu(-x - b)).Aggregate(Add);
    }

    /// <summary>x for x &gt; 0, α(eˣ − 1) otherwise; eˣ is taken of min(x, 0) so large x cannot overflow.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="alpha">The scale α of the negative part, finite.</param>
    /// <returns>An expression shaped like <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="alpha"/> is NaN or infinite.</exception>
    public static Expr Elu(Expr x, double alpha = 1.0)
    {
        Guard.NotNull(x, "Elu");
        Guard.Finite(alpha, "Elu");
        var positive = Step(x);
        return Where(positive, x, alpha * (Exp(Where(positive, ZerosLike(x), x)) - 1.0));
    }

    /// <summary>x·Φ(x) = ½x(1 + erf(x/√2)); with <paramref name="tanhApproximation"/>, ½x(1 + tanh(√(2/π)(x + 0.044715x³))).</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="tanhApproximation">True for the tanh form (GPT-2's), false for the exact erf form.</param>
    /// <returns>An expression shaped like <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr Gelu(Expr x, bool tanhApproximation = false)
    {
        Guard.NotNull(x, "Gelu");
        return tanhApproximation
            ? 0.5 * x * (1.0 + Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)))
            : 0.5 * x * (1.0 + Erf(x / Math.Sqrt(2)));
    }

    /// <summary>ln(1 + eˣ) computed as max(x, 0) + ln(1 + e^(−|x|)): finite for every finite x.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>An expression shaped like <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr Softplus(Expr x) => Unary(new SoftplusOp(), Guard.NotNull(x, "Softplus"));

    /// <summary>e^(x − m) / Σ e^(x − m) over an axis, m the (constant) row maximum: logits of ±1000 stay finite.</summary>
    /// <param name="x">The logits, of rank ≥ 1.</param>
    /// <param name="axis">The axis to normalize over; negative counts from the end (−1: the last).</param>
    /// <returns>An expression shaped like <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="axis"/> is out of range for x's rank.</exception>
    public static Expr Softmax(Expr x, int axis = -1)
    {
        var e = Exp(Shifted(x, axis, "Softmax"));
        return e / Sum(e, axis, keepDims: true);
    }

    /// <summary>(x − m) − ln Σ e^(x − m) over an axis: log-probabilities without forming a probability first.</summary>
    /// <param name="x">The logits, of rank ≥ 1.</param>
    /// <param name="axis">The axis to normalize over; negative counts from the end (−1: the last).</param>
    /// <returns>An expression shaped like <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="axis"/> is out of range for x's rank.</exception>
    public static Expr LogSoftmax(Expr x, int axis = -1)
    {
        var z = Shifted(x, axis, "LogSoftmax");
        return z - Log(Sum(Exp(z), axis, keepDims: true));
    }

    /// <summary>x minus its maximum along the axis; the maximum is a constant for differentiation (softmax does not depend on it).
    /// A row holding +∞, or only −∞, gives NaN by IEEE rules (∞ − ∞), as in PyTorch.</summary>
    static Expr Shifted(Expr x, int axis, string function)
    {
        Guard.NotNull(x, function).Shape.Axis(axis, function);
        return x - StopGradient(Max(x, axis, keepDims: true));
    }
}
