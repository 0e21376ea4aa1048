using LanguageExt;
using static PureNet.Fn;

namespace PureNet;

/// <summary>
/// Newton's method x ← x − η·(H + λI)⁻¹∇f with the symbolic Hessian of f (every second derivative is an expression,
/// compiled with f and ∇f into one plan). For small problems: the Hessian has n² entries and takes n reverse passes
/// to build, so more than <see cref="MaxSize"/> variables (scalars) is refused.
/// </summary>
public static class Newton
{
    /// <summary>The largest number of scalar variables Newton accepts (a 200×200 Hessian; use <see cref="Lbfgs"/> above).</summary>
    public const int MaxSize = 200;

    /// <summary>The Hessian of f over several variables, as one [n, n] expression (variables flattened in the given order).</summary>
    /// <param name="f">A scalar expression.</param>
    /// <param name="wrt">The variables, at most <see cref="MaxSize"/> scalars in all.</param>
    /// <returns>H[i, j] = ∂²f/∂xᵢ∂xⱼ, x the variables' elements end to end.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/>, <paramref name="wrt"/> or a variable is null.</exception>
    /// <exception cref="ArgumentException">No variable is given, or they hold more than <see cref="MaxSize"/> scalars.</exception>
    /// <exception cref="ShapeException"><paramref name="f"/> is not a scalar.</exception>
    public static Expr Hessian(Expr f, params Variable[] wrt)
    {
        Guard.NotNull(f, "Newton.Hessian");
        Guard.NoNulls(wrt, "Newton.Hessian");
        if (wrt.Length == 0) throw new ArgumentException("Newton.Hessian: no variables given; name the variables to differentiate by.", nameof(wrt));
        var n = wrt.Sum(v => v.Shape.Size);
        if (n > MaxSize) throw new ArgumentException($"Newton.Hessian: {n} scalar variables exceed the limit of {MaxSize}; use Lbfgs for larger problems.", nameof(wrt));
        var grads = Grad(f, wrt);
        var flat = Concat(0, [.. grads.Map(g => Reshape(g, g.Shape.Size))]);
        var rows = Enumerable.Range(0, n).Select(k =>
        {
            var second = Grad(Reshape(Slice(flat, 0, k, 1), Shape.Scalar), wrt);
            return Reshape(Concat(0, [.. second.Map(h => Reshape(h, h.Shape.Size))]), 1, n);
        });
        return Concat(0, [.. rows]);
    }

    /// <summary>
    /// Minimizes the scalar <paramref name="f"/> over the variables named in <paramref name="start"/>. Each step solves
    /// (H + λI)d = ∇f by Cholesky with λ = <paramref name="damping"/>; when H + λI is not positive definite, or the step
    /// would raise f, λ grows tenfold (from 10⁻⁸·max|Hᵢᵢ| if it was 0) and the step is retried (Levenberg–Marquardt), so
    /// f never increases. <paramref name="stepSize"/> is η. Stops when ‖∇f‖∞ ≤ <paramref name="gradTolerance"/>.
    /// </summary>
    /// <param name="f">A scalar expression.</param>
    /// <param name="start">The start point: a value for each variable optimized, named as in f; finite, at most <see cref="MaxSize"/> scalars.</param>
    /// <param name="damping">λ, the initial damping, finite and ≥ 0.</param>
    /// <param name="stepSize">η, in (0, 1].</param>
    /// <param name="maxIterations">The iteration limit, ≥ 0.</param>
    /// <param name="gradTolerance">The tolerance on ‖∇f‖∞, &gt; 0.</param>
    /// <param name="fixedBindings">Values of f's other variables (data); null for none.</param>
    /// <returns>The point reached and how it was reached.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> or <paramref name="start"/> is null, or a fixed binding is null.</exception>
    /// <exception cref="ShapeException"><paramref name="f"/> is not a scalar, or a start tensor's shape differs from its variable's.</exception>
    /// <exception cref="ArgumentException">The start tree is empty, too large, names a variable f does not read, or holds NaN or ±∞; f reads a variable neither started nor fixed; or f or ∇f is not finite at the start.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A numeric argument is out of range.</exception>
    /// <example>
    /// <code>
    /// // A quadratic: one undamped Newton step lands on the minimum.
    /// var x = Variable("x", 2);
    /// var f = Sum(Square(x - Const(Tensor.FromArray(3.0, -1.0))));
    /// var r = Newton.Minimize(f, ParamTrees.Of(("x", Tensor.FromArray(0.0, 0.0))));
    /// </code>
    /// </example>
    public static MinimizeResult Minimize(Expr f, ParamTree<double> start, double damping = 0, double stepSize = 1, int maxIterations = 100,
        double gradTolerance = 1e-10, HashMap<string, Tensor<double>>? fixedBindings = null)
    {
        Check.NonNegative("Newton", nameof(damping), damping);
        if (!(stepSize > 0 && stepSize <= 1)) throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, $"Newton: stepSize {stepSize} is outside (0, 1].");
        Check.AtLeast("Newton", nameof(maxIterations), maxIterations, 0);
        Check.Positive("Newton", nameof(gradTolerance), gradTolerance);
        var obj = FlatObjective.Of("Newton", f, start, fixedBindings);
        if (obj.Size > MaxSize)
            throw new ArgumentException($"Newton: {obj.Size} scalar variables exceed the limit of {MaxSize} (the Hessian would have {(long)obj.Size * obj.Size} entries); use Lbfgs.", nameof(start));
        var plan = Plan.Compile([f, .. Grad(f, [.. obj.Wrt]).Map(g => Reshape(g, g.Shape.Size)), Hessian(f, [.. obj.Wrt])]);
        var n = obj.Size;
        var x = obj.Flatten(start);
        var values = new List<double>();
        (double F, double[] G, double[] H) At(double[] p)
        {
            var outs = plan.Run(obj.Bind(obj.Unflatten(p)));
            return (outs[0].Scalar, [.. outs.Skip(1).Take(obj.Wrt.Count).SelectMany(t => t.ToArray())], outs.Last.ToArray());
        }
        var (fx, g, h) = At(x);
        FlatObjective.CheckStart("Newton", fx, g);
        var it = 0;
        var evals = 1;
        for (; it < maxIterations && Vec.NormInf(g) > gradTolerance; it++)
        {
            var lambda = damping;
            var floor = 1e-8 * Math.Max(1e-300, Enumerable.Range(0, n).Max(i => Math.Abs(h[i * n + i])));
            for (var attempt = 0; ; attempt++)
            {
                if (attempt == 400 || double.IsInfinity(lambda))
                    throw new ArithmeticException($"Newton: at iteration {it + 1} no damping up to {lambda} gives a descending step (f or its Hessian is not finite?).");
                if (Cholesky(h, n, lambda) is { } l)
                {
                    var candidate = Vec.AddScaled(x, -stepSize, Solve(l, g, n));
                    var next = At(candidate);
                    evals++;
                    if (next.F <= fx)
                    {
                        (x, fx, g, h) = (candidate, next.F, next.G, next.H);
                        break;
                    }
                }
                lambda = lambda == 0 ? floor : lambda * 10;
            }
            values.Add(fx);
        }
        var gn = Vec.NormInf(g);
        return new MinimizeResult(obj.Unflatten(x), fx, gn, it, evals, gn <= gradTolerance, [.. values],
            gn <= gradTolerance ? "‖∇f‖∞ within the tolerance" : "the iteration limit");
    }

    /// <summary>The lower factor L of H + λI = LLᵀ, or null when the matrix is not positive definite.</summary>
    static double[]? Cholesky(double[] h, int n, double lambda)
    {
        var l = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j <= i; j++)
            {
                var sum = 0.5 * (h[i * n + j] + h[j * n + i]) + (i == j ? lambda : 0);   // symmetrize against rounding
                for (var k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
                if (i == j)
                {
                    if (!(sum > 0)) return null;
                    l[i * n + i] = Math.Sqrt(sum);
                }
                else l[i * n + j] = sum / l[j * n + j];
            }
        return l;
    }

    static double[] Solve(double[] l, double[] b, int n)
    {
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var s = b[i];
            for (var k = 0; k < i; k++) s -= l[i * n + k] * y[k];
            y[i] = s / l[i * n + i];
        }
        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var s = y[i];
            for (var k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
            x[i] = s / l[i * n + i];
        }
        return x;
    }
}
