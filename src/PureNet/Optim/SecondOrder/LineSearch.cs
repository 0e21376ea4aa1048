namespace PureNet;

/// <summary>The result of a line search along a descent direction: the step, φ and φ′ there, and the evaluations used.</summary>
/// <param name="Alpha">The step α (the best one seen when none met the conditions).</param>
/// <param name="Value">φ(α).</param>
/// <param name="Slope">φ′(α).</param>
/// <param name="Evaluations">The evaluations of φ used.</param>
/// <param name="Found">Whether α meets the strong Wolfe conditions.</param>
public readonly record struct LineSearchResult(double Alpha, double Value, double Slope, int Evaluations, bool Found);

/// <summary>
/// A line search that returns a step satisfying the strong Wolfe conditions (Nocedal and Wright, algorithms 3.5 and
/// 3.6): sufficient decrease φ(α) ≤ φ(0) + c₁αφ′(0) and curvature |φ′(α)| ≤ c₂|φ′(0)|, with 0 &lt; c₁ &lt; c₂ &lt; 1.
/// </summary>
public static class LineSearch
{
    /// <summary>A step α meeting the strong Wolfe conditions along a direction; φ(α) and φ′(α) are given by <paramref name="phi"/>; φ′(0) must be negative (a descent direction).</summary>
    /// <param name="phi">α ↦ (φ(α), φ′(α)): f and its directional derivative at x + α·d.</param>
    /// <param name="phi0">φ(0), finite.</param>
    /// <param name="slope0">φ′(0), finite and &lt; 0.</param>
    /// <param name="alpha0">The first step tried, finite and &gt; 0.</param>
    /// <param name="c1">The sufficient-decrease constant, 0 &lt; c1 &lt; c2.</param>
    /// <param name="c2">The curvature constant, c1 &lt; c2 &lt; 1.</param>
    /// <param name="maxEvaluations">The evaluation limit, ≥ 1.</param>
    /// <param name="alphaMax">The largest step tried, ≥ <paramref name="alpha0"/>.</param>
    /// <returns>The step, φ and φ′ there, the evaluations used, and whether the conditions hold.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="phi"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="slope0"/> is not negative.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A constant, <paramref name="alpha0"/>, <paramref name="phi0"/>, <paramref name="slope0"/>, <paramref name="maxEvaluations"/> or <paramref name="alphaMax"/> is out of range.</exception>
    public static LineSearchResult StrongWolfe(Func<double, (double Value, double Slope)> phi, double phi0, double slope0, double alpha0 = 1,
        double c1 = 1e-4, double c2 = 0.9, int maxEvaluations = 60, double alphaMax = 1e10)
    {
        ArgumentNullException.ThrowIfNull(phi, nameof(phi));
        if (!(c1 > 0 && c1 < c2 && c2 < 1))
            throw new ArgumentOutOfRangeException(nameof(c1), c1, $"LineSearch.StrongWolfe: need 0 < c1 < c2 < 1; got c1 = {c1}, c2 = {c2}.");
        if (!(slope0 < 0)) throw new ArgumentException($"LineSearch.StrongWolfe: φ′(0) = {slope0} is not negative; the direction does not descend.", nameof(slope0));
        if (!(alpha0 > 0 && double.IsFinite(alpha0))) throw new ArgumentOutOfRangeException(nameof(alpha0), alpha0, $"LineSearch.StrongWolfe: alpha0 {alpha0} must be finite and > 0.");
        if (!double.IsFinite(phi0)) throw new ArgumentOutOfRangeException(nameof(phi0), phi0, $"LineSearch.StrongWolfe: φ(0) = {phi0} must be finite; no decrease can be measured from it.");
        if (!double.IsFinite(slope0)) throw new ArgumentOutOfRangeException(nameof(slope0), slope0, $"LineSearch.StrongWolfe: φ′(0) = {slope0} must be finite.");
        if (maxEvaluations < 1) throw new ArgumentOutOfRangeException(nameof(maxEvaluations), maxEvaluations, $"LineSearch.StrongWolfe: maxEvaluations {maxEvaluations} must be ≥ 1.");
        if (!(alphaMax >= alpha0)) throw new ArgumentOutOfRangeException(nameof(alphaMax), alphaMax, $"LineSearch.StrongWolfe: alphaMax {alphaMax} must be ≥ alpha0 {alpha0}.");

        bool Armijo(double a, double v) => v <= phi0 + c1 * a * slope0;
        bool Curvature(double s) => Math.Abs(s) <= -c2 * slope0;
        var evals = 0;
        (double Value, double Slope) Phi(double a) { evals++; return phi(a); }

        double prevA = 0, prevV = phi0, prevS = slope0, a = alpha0;
        for (var i = 1; evals < maxEvaluations; i++)
        {
            var (v, s) = Phi(a);
            if (!double.IsFinite(v) || !Armijo(a, v) || (i > 1 && v >= prevV))
                return Zoom(prevA, prevV, prevS, a, v, s);
            if (Curvature(s)) return new(a, v, s, evals, true);
            if (s >= 0) return Zoom(a, v, s, prevA, prevV, prevS);
            (prevA, prevV, prevS) = (a, v, s);
            a = Math.Min(2 * a, alphaMax);
        }
        return new(prevA, prevV, prevS, evals, false);

        LineSearchResult Zoom(double lo, double vLo, double sLo, double hi, double vHi, double sHi)
        {
            while (evals < maxEvaluations)
            {
                var a = Interpolate(lo, vLo, sLo, hi, vHi, sHi);
                var (v, s) = Phi(a);
                if (!double.IsFinite(v) || !Armijo(a, v) || v >= vLo) (hi, vHi, sHi) = (a, v, s);
                else
                {
                    if (Curvature(s)) return new(a, v, s, evals, true);
                    if (s * (hi - lo) >= 0) (hi, vHi, sHi) = (lo, vLo, sLo);
                    (lo, vLo, sLo) = (a, v, s);
                }
                if (Math.Abs(hi - lo) <= 1e-16 * Math.Max(1, Math.Abs(lo))) break;
            }
            return new(lo, vLo, sLo, evals, false);
        }
    }

    /// <summary>The minimizer of the cubic through both ends' values and slopes, kept inside the middle 80% of the interval (bisection when it is not finite).</summary>
    static double Interpolate(double a, double va, double sa, double b, double vb, double sb)
    {
        double lo = Math.Min(a, b), hi = Math.Max(a, b), w = hi - lo;
        if (!double.IsFinite(vb) || !double.IsFinite(sb)) return (a + b) / 2;
        var d1 = sa + sb - 3 * (va - vb) / (a - b);
        var disc = d1 * d1 - sa * sb;
        if (disc < 0) return (a + b) / 2;
        var d2 = Math.Sign(b - a) * Math.Sqrt(disc);
        var t = b - (b - a) * (sb + d2 - d1) / (sb - sa + 2 * d2);
        return double.IsFinite(t) && t >= lo + 0.1 * w && t <= hi - 0.1 * w ? t : (a + b) / 2;
    }
}
