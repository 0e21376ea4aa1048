namespace PureNet;

/// <summary>Finite-difference formulas for a derivative.</summary>
public enum Stencil
{
    /// <summary>(f(x + h) − f(x)) / h: error O(h).</summary>
    Forward,
    /// <summary>(f(x + h) − f(x − h)) / 2h: error O(h²).</summary>
    Central,
    /// <summary>Richardson extrapolation of two central differences, (4·D(h/2) − D(h)) / 3: error O(h⁴).</summary>
    Richardson,
}

/// <summary>Numeric differentiation in double: the reference every symbolic derivative is checked against.</summary>
public static class Numeric
{
    /// <summary>The central difference (f(x + h) − f(x − h)) / 2h: error O(h²).</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <param name="h">The step, finite and &gt; 0.</param>
    /// <returns>The estimate of f′(x).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="h"/> is not finite and &gt; 0.</exception>
    public static double Central(Func<double, double> f, double x, double h) =>
        (Checked(f, h, "Central")(x + h) - f(x - h)) / (2 * h);

    /// <summary>The forward difference (f(x + h) − f(x)) / h: error O(h).</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <param name="h">The step, finite and &gt; 0.</param>
    /// <returns>The estimate of f′(x).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="h"/> is not finite and &gt; 0.</exception>
    public static double Forward(Func<double, double> f, double x, double h) => (Checked(f, h, "Forward")(x + h) - f(x)) / h;

    /// <summary>(4·D(h/2) − D(h)) / 3 with D the central difference: cancels the h² error term, leaving O(h⁴).</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <param name="h">The step, finite and &gt; 0.</param>
    /// <returns>The estimate of f′(x).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="h"/> is not finite and &gt; 0.</exception>
    public static double Richardson(Func<double, double> f, double x, double h) =>
        (4 * Central(Checked(f, h, "Richardson"), x, h / 2) - Central(f, x, h)) / 3;

    /// <summary>f non-null and a step h that is finite and &gt; 0 (h = 0 would divide 0 by 0).</summary>
    static Func<double, double> Checked(Func<double, double> f, double h, string function)
    {
        Guard.Positive(h, $"Numeric.{function}");
        return Guard.NotNull(f, $"Numeric.{function}");
    }

    /// <summary>The derivative of f at x by the stencil, with step <paramref name="step"/> (default: <see cref="Step"/> for double, scaled by max(1, |x|)).</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <param name="stencil">The difference formula.</param>
    /// <param name="step">The step h, finite and &gt; 0; null for the step that balances truncation against rounding.</param>
    /// <returns>The estimate of f′(x).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stencil"/> is not a <see cref="Stencil"/>, or <paramref name="step"/> is not finite and &gt; 0.</exception>
    public static double Derivative(Func<double, double> f, double x, Stencil stencil, double? step = null)
    {
        Guard.Defined(stencil, "Numeric.Derivative");
        if (step is { } s) Guard.Positive(s, "Numeric.Derivative", "step");
        var h = step ?? Step(stencil, DoubleEpsilon) * Math.Max(1, Math.Abs(x));
        return stencil switch
        {
            Stencil.Forward => Forward(f, x, h),
            Stencil.Central => Central(f, x, h),
            _ => Richardson(f, x, h),
        };
    }

    /// <summary>Machine epsilon of double (2⁻⁵²) and of float (2⁻²³).</summary>
    public const double DoubleEpsilon = 2.220446049250313e-16, SingleEpsilon = 1.1920928955078125e-7;

    /// <summary>
    /// The step that balances truncation against rounding for a precision with machine epsilon ε:
    /// √ε for forward, ∛ε for central and ε^(1/5) for Richardson differences (relative to max(1, |x|)).
    /// </summary>
    /// <param name="stencil">The difference formula.</param>
    /// <param name="epsilon">The precision's machine epsilon (<see cref="DoubleEpsilon"/>, <see cref="SingleEpsilon"/>).</param>
    /// <returns>The relative step h.</returns>
    /// <exception cref="ArgumentException"><paramref name="epsilon"/> is not finite and &gt; 0, or <paramref name="stencil"/> is not a <see cref="Stencil"/>.</exception>
    public static double Step(Stencil stencil, double epsilon)
    {
        Guard.Positive(epsilon, "Numeric.Step");
        return Guard.Defined(stencil, "Numeric.Step") switch
        {
            Stencil.Forward => Math.Sqrt(epsilon),
            Stencil.Central => Math.Cbrt(epsilon),
            _ => Math.Pow(epsilon, 0.2),
        };
    }

    /// <summary>
    /// |a − n| / max(|a|, |n|, floor). The floor (default 1e-3) keeps the error meaningful near zero: below it the
    /// test becomes the absolute |a − n| ≤ tolerance · floor, since a difference quotient cannot resolve relative
    /// error in a value that is itself at rounding level. A NaN or ±∞ on either side is an error of +∞ (even +∞
    /// against +∞): a non-finite gradient is never "correct".
    /// </summary>
    /// <param name="analytic">The value to check (a symbolic derivative).</param>
    /// <param name="numeric">The reference (a difference quotient).</param>
    /// <param name="floor">The smallest denominator, finite and ≥ 0.</param>
    /// <returns>The relative error, 0 when the two are equal, +∞ when either is not finite.</returns>
    /// <exception cref="ArgumentException"><paramref name="floor"/> is negative, NaN or infinite.</exception>
    public static double RelativeError(double analytic, double numeric, double floor = DefaultFloor)
    {
        if (!(floor >= 0) || double.IsInfinity(floor)) throw new ArgumentException($"RelativeError: floor {floor} must be finite and ≥ 0.", nameof(floor));
        if (!double.IsFinite(analytic) || !double.IsFinite(numeric)) return double.PositiveInfinity;
        if (analytic == numeric) return 0;
        return Math.Abs(analytic - numeric) / Math.Max(Math.Max(Math.Abs(analytic), Math.Abs(numeric)), floor);
    }

    /// <summary>The floor of <see cref="RelativeError"/> and <see cref="GradCheckOptions.Floor"/>: 1e-3.</summary>
    public const double DefaultFloor = 1e-3;

    /// <summary>The numeric gradient of a scalar function of one tensor, element by element (one derivative per element).</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <param name="stencil">The difference formula.</param>
    /// <param name="step">The step h, finite and &gt; 0; null for the step that suits double, scaled by max(1, |xᵢ|).</param>
    /// <returns>The estimate of ∇f(x), shaped like <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> or <paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stencil"/> is not a <see cref="Stencil"/>, or <paramref name="step"/> is not finite and &gt; 0.</exception>
    public static Tensor<double> Gradient(Func<Tensor<double>, double> f, Tensor<double> x, Stencil stencil = Stencil.Central, double? step = null)
    {
        Guard.NotNull(f, "Numeric.Gradient");
        var data = Guard.NotNull(x, "Numeric.Gradient").ToArray();
        var grad = new double[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            var at = i;
            var x0 = data[at];
            grad[i] = Derivative(v =>
            {
                var moved = (double[])data.Clone();
                moved[at] = v;
                return f(Tensor.FromArray<double>(x.Shape, moved));
            }, x0, stencil, step);
        }
        return Tensor.FromArray<double>(x.Shape, grad);
    }
}
