using LanguageExt;

namespace PureNet;

/// <summary>
/// Limited-memory BFGS (Nocedal and Wright, algorithm 7.5): the two-loop recursion over the last
/// <c>memory</c> pairs (s, y) gives the direction, scaled by γ = sᵀy / yᵀy, and a strong-Wolfe line search
/// (<see cref="LineSearch.StrongWolfe"/>) gives the step, which keeps every yᵀs positive.
/// </summary>
public static class Lbfgs
{
    /// <summary>
    /// Minimizes the scalar <paramref name="f"/> over the variables named in <paramref name="start"/> (one or more, any
    /// shapes); other variables of f are bound from <paramref name="fixedBindings"/>. Stops when ‖∇f‖∞ ≤
    /// <paramref name="gradTolerance"/> (converged), when f stops changing, or after <paramref name="maxIterations"/>.
    /// </summary>
    /// <param name="f">A scalar expression.</param>
    /// <param name="start">The start point: a value for each variable optimized, named as in f; finite.</param>
    /// <param name="memory">The number of (s, y) pairs kept, ≥ 1.</param>
    /// <param name="maxIterations">The iteration limit, ≥ 0.</param>
    /// <param name="gradTolerance">The tolerance on ‖∇f‖∞, &gt; 0.</param>
    /// <param name="c1">The line search's sufficient-decrease constant, 0 &lt; c1 &lt; c2.</param>
    /// <param name="c2">The line search's curvature constant, c1 &lt; c2 &lt; 1.</param>
    /// <param name="fixedBindings">Values of f's other variables (data); null for none.</param>
    /// <returns>The point reached and how it was reached.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> or <paramref name="start"/> is null, or a fixed binding is null.</exception>
    /// <exception cref="ShapeException"><paramref name="f"/> is not a scalar, or a start tensor's shape differs from its variable's.</exception>
    /// <exception cref="ArgumentException">The start tree is empty, names a variable f does not read, or holds NaN or ±∞; f reads a variable neither started nor fixed; or f or ∇f is not finite at the start.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A numeric argument is out of range.</exception>
    /// <example>
    /// <code>
    /// // The Rosenbrock function from (−1.2, 1): the minimum is at (1, 1).
    /// var x = Variable("x", 2);
    /// var (a, b) = (Slice(x, 0, 0, 1), Slice(x, 0, 1, 1));
    /// var f = Sum(Square(1.0 - a) + 100.0 * Square(b - Square(a)));
    /// var r = Lbfgs.Minimize(f, ParamTrees.Of(("x", Tensor.FromArray(-1.2, 1.0))));
    /// Console.WriteLine($"{r.X["x"]} after {r.Iterations} iterations: {r.Reason}");
    /// </code>
    /// </example>
    public static MinimizeResult Minimize(Expr f, ParamTree<double> start, int memory = 10, int maxIterations = 1000, double gradTolerance = 1e-10,
        double c1 = 1e-4, double c2 = 0.9, HashMap<string, Tensor<double>>? fixedBindings = null)
    {
        Check.AtLeast("Lbfgs", nameof(memory), memory, 1);
        Check.AtLeast("Lbfgs", nameof(maxIterations), maxIterations, 0);
        Check.Positive("Lbfgs", nameof(gradTolerance), gradTolerance);
        if (!(c1 > 0 && c1 < c2 && c2 < 1)) throw new ArgumentOutOfRangeException(nameof(c1), c1, $"Lbfgs: need 0 < c1 < c2 < 1; got c1 = {c1}, c2 = {c2}.");
        var obj = FlatObjective.Of("Lbfgs", f, start, fixedBindings);
        var x = obj.Flatten(start);
        var (fx, g) = obj.Eval(x);
        var evals = 1;
        FlatObjective.CheckStart("Lbfgs", fx, g);
        var pairs = new LinkedList<(double[] S, double[] Y, double Rho)>();
        var values = new List<double>();
        var reason = "the iteration limit";
        var it = 0;
        for (; it < maxIterations; it++)
        {
            if (Vec.NormInf(g) <= gradTolerance) { reason = "‖∇f‖∞ within the tolerance"; break; }
            var d = Direction(g, pairs);
            var slope = Vec.Dot(g, d);
            if (!(slope < 0)) { pairs.Clear(); d = Vec.Scale(g, -1); slope = Vec.Dot(g, d); }   // restart on a non-descent direction
            var alpha0 = pairs.Count == 0 ? Math.Min(1, 1 / Vec.Norm(g)) : 1;
            double[] xNew = x, gNew = g;
            var ls = LineSearch.StrongWolfe(a =>
            {
                xNew = Vec.AddScaled(x, a, d);
                (var v, gNew) = obj.Eval(xNew);
                return (v, Vec.Dot(gNew, d));
            }, fx, slope, alpha0, c1, c2);
            evals += ls.Evaluations;
            if (!ls.Found || ls.Alpha == 0) { reason = "the line search found no step meeting the Wolfe conditions"; break; }
            // A found step is always the last one evaluated, so xNew and gNew belong to it.
            var s = Vec.Sub(xNew, x);
            var y = Vec.Sub(gNew, g);
            var sy = Vec.Dot(s, y);
            if (sy > 0)
            {
                pairs.AddLast((s, y, 1 / sy));
                if (pairs.Count > memory) pairs.RemoveFirst();
            }
            var previous = fx;
            (x, fx, g) = (xNew, ls.Value, gNew);
            values.Add(fx);
            if (Math.Abs(previous - fx) <= 1e-16 * Math.Max(1, Math.Abs(fx)) && Vec.NormInf(s) <= 1e-16 * Math.Max(1, Vec.NormInf(x)))
            {
                reason = "f and x stopped changing";
                it++;
                break;
            }
        }
        var gn = Vec.NormInf(g);
        return new MinimizeResult(obj.Unflatten(x), fx, gn, it, evals, gn <= gradTolerance, [.. values], reason);
    }

    /// <summary>−H·g by the two-loop recursion, H₀ = γI with γ from the newest pair.</summary>
    static double[] Direction(double[] g, LinkedList<(double[] S, double[] Y, double Rho)> pairs)
    {
        var q = (double[])g.Clone();
        var alphas = new Stack<double>();
        for (var node = pairs.Last; node is not null; node = node.Previous)
        {
            var (s, y, rho) = node.Value;
            var a = rho * Vec.Dot(s, q);
            alphas.Push(a);
            Vec.AddScaledInPlace(q, -a, y);
        }
        var gamma = pairs.Last is { } newest ? Vec.Dot(newest.Value.S, newest.Value.Y) / Vec.Dot(newest.Value.Y, newest.Value.Y) : 1;
        for (var i = 0; i < q.Length; i++) q[i] *= gamma;
        foreach (var (s, y, rho) in pairs)
        {
            var b = rho * Vec.Dot(y, q);
            Vec.AddScaledInPlace(q, alphas.Pop() - b, s);
        }
        for (var i = 0; i < q.Length; i++) q[i] = -q[i];
        return q;
    }
}

/// <summary>Dense double vectors for the second-order methods (small problems; plain loops).</summary>
internal static class Vec
{
    public static double Dot(double[] a, double[] b) => System.Numerics.Tensors.TensorPrimitives.Dot<double>(a, b);
    public static double Norm(double[] a) => Norms.L2(Tensor.FromArray<double>(a));
    public static double NormInf(double[] a) => a.Length == 0 ? 0 : System.Numerics.Tensors.TensorPrimitives.MaxMagnitude<double>(a) is var m ? Math.Abs(m) : 0;
    public static double[] Scale(double[] a, double s) => [.. a.Select(v => v * s)];
    public static double[] Sub(double[] a, double[] b) => [.. a.Zip(b, (x, y) => x - y)];
    public static double[] AddScaled(double[] a, double s, double[] b) => [.. a.Zip(b, (x, y) => x + s * y)];
    public static void AddScaledInPlace(double[] a, double s, double[] b) { for (var i = 0; i < a.Length; i++) a[i] += s * b[i]; }
}
