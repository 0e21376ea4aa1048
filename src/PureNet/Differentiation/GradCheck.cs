using LanguageExt;

namespace PureNet;

/// <summary>What <see cref="GradCheck"/> compares: every element of the gradient, or random projections of it.</summary>
public enum GradCheckMode
{
    /// <summary>Every element of every input: one numeric derivative each.</summary>
    Full,
    /// <summary>Random projections vᵀJu: a few directional derivatives, for functions too large for full mode.</summary>
    Fast,
}

/// <summary>How <see cref="GradCheck"/> compares. Defaults: Richardson differences with a step suited to double, relative error ≤ 1e-6 above a floor of 1e-3.</summary>
/// <param name="Mode">Every element (<see cref="GradCheckMode.Full"/>) or random projections (<see cref="GradCheckMode.Fast"/>).</param>
/// <param name="Step">The difference step h, finite and &gt; 0; null for <see cref="Numeric.Step"/> of the stencil in double, scaled by max(1, |x|).</param>
/// <param name="Tolerance">The largest relative error that passes, finite and &gt; 0.</param>
/// <param name="Floor">The smallest denominator of the relative error (<see cref="Numeric.RelativeError"/>), finite and ≥ 0.</param>
/// <param name="Stencil">The difference formula.</param>
/// <param name="Projections">How many random directions fast mode checks, ≥ 1.</param>
/// <param name="Seed">Seeds the random cotangent of a non-scalar f, fast mode's directions and the second-order direction.</param>
/// <param name="SecondOrder">Also check the gradient of ⟨∇f, r⟩ for a random r (Hessian-vector products), once the first order passes.</param>
public sealed record GradCheckOptions(
    GradCheckMode Mode = GradCheckMode.Full,
    double? Step = null,
    double Tolerance = 1e-6,
    double Floor = Numeric.DefaultFloor,
    Stencil Stencil = Stencil.Richardson,
    int Projections = 6,
    int Seed = 0,
    bool SecondOrder = false)
{
    /// <summary>Full mode with every default: what <see cref="GradCheck.Check(Expr, HashMap{string, Tensor{double}}, GradCheckOptions?, string[])"/> uses without options.</summary>
    public static GradCheckOptions Default { get; } = new();
}

/// <summary>The worst element found: where it is, both values (which is which), and the error.</summary>
/// <param name="Passed">True when the worst relative error is within the tolerance (never when it is NaN).</param>
/// <param name="Input">The variable's name (in fast mode, every checked variable's name).</param>
/// <param name="Where">The element's index (<c>at index [1, 0]</c>) or the random direction's number.</param>
/// <param name="Analytic">The symbolic (reverse-mode) value.</param>
/// <param name="Numeric">The finite-difference value.</param>
/// <param name="Error">The relative error between the two.</param>
/// <param name="Tolerance">The tolerance it was held to.</param>
/// <param name="Method">The difference formula and step used.</param>
public sealed record GradCheckResult(bool Passed, string Input, string Where, double Analytic, double Numeric, double Error, double Tolerance, string Method)
{
    /// <summary>One sentence: passed or failed, the worst element, both values, the error and the tolerance.</summary>
    /// <returns>The sentence, as <see cref="GradCheckException"/>'s message.</returns>
    public override string ToString() =>
        $"{(Passed ? "GradCheck passed" : "GradCheck failed")}: worst element is input '{Input}' {Where}: " +
        $"analytic (symbolic reverse mode) = {Analytic:R}, numeric ({Method}) = {Numeric:R}, " +
        $"relative error {Error:G3} {(Passed ? "≤" : ">")} tolerance {Tolerance:G3}.";
}

/// <summary>Thrown by <see cref="GradCheck.Assert(Expr, HashMap{string, Tensor{double}}, GradCheckOptions?, string[])"/> when a gradient fails its check; the message names the worst element.</summary>
/// <param name="result">The failed check.</param>
public sealed class GradCheckException(GradCheckResult result) : Exception(result.ToString())
{
    /// <summary>The failed check: the worst element and both values.</summary>
    public GradCheckResult Result { get; } = result;
}

/// <summary>
/// Checks the symbolic gradients of an expression against numeric differences, in double. A non-scalar f is
/// checked through a random cotangent v (the gradient of vᵀf).
/// </summary>
public static class GradCheck
{
    /// <summary>
    /// Checks ∂f/∂w for the named variables (every variable of f when none is named) against finite differences in
    /// double, and reports the worst element.
    /// </summary>
    /// <param name="f">The expression; a non-scalar f is checked through vᵀf for a fixed random v.</param>
    /// <param name="bindings">A value for every variable of f: the point the gradient is checked at.</param>
    /// <param name="options">How to compare; null for <see cref="GradCheckOptions.Default"/>.</param>
    /// <param name="wrt">The names of the variables to check; none for all of f's variables.</param>
    /// <returns>The worst element (or, in fast mode, the worst projection) and whether it passed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/>, <paramref name="wrt"/> or one of its names is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range, <paramref name="wrt"/> names a variable f does not have, f has no variable, or a variable is not bound or is bound to a tensor of another shape.</exception>
    /// <example>
    /// <code>
    /// var x = Variable("x", Dim.Batch, 3);
    /// var w = Variable("w", 3, 1);
    /// var loss = Mean(Square(Tanh(MatMul(x, w))));
    /// var at = Bind(("x", Tensor.Normal&lt;double&gt;(new Shape(8, 3), seed: 1)), ("w", Tensor.Normal&lt;double&gt;(new Shape(3, 1), seed: 2)));
    /// GradCheckResult r = GradCheck.Check(loss, at, new GradCheckOptions(Mode: GradCheckMode.Fast), "w");
    /// Console.WriteLine(r);   // GradCheck passed: worst element is input 'w' along random direction …
    /// </code>
    /// </example>
    public static GradCheckResult Check(Expr f, HashMap<string, Tensor<double>> bindings, GradCheckOptions? options = null, params string[] wrt)
    {
        Guard.NotNull(f, "GradCheck");
        Guard.NoNulls(wrt, "GradCheck");
        var o = Validate(options ?? GradCheckOptions.Default);
        var variables = Variables(f, wrt);
        var phi = Scalarize(f, bindings, o.Seed);
        var first = o.Mode == GradCheckMode.Full ? Full(phi, bindings, variables, o) : Fast(phi, bindings, variables, o);
        if (!first.Passed || !o.SecondOrder) return first;
        // Second order: the gradient of ⟨∇φ, r⟩ for a random direction r is itself checked.
        var rng = Rng.FromSeed(o.Seed + 1);
        Expr inner = Fn.Scalar(0);
        foreach (var (v, g) in variables.Zip(Fn.Grad(phi, [.. variables])))
        {
            var (r, next) = Tensor.Normal<double>(bindings[v.Name].Shape, rng);
            rng = next;
            inner += Fn.Sum(g * Fn.Const(r));
        }
        return Check(inner, bindings, o with { SecondOrder = false }, [.. variables.Map(v => v.Name)]);
    }

    /// <summary>Checks ∂f/∂w for every variable of f with the default options, variables bound as (name, value) pairs.</summary>
    /// <param name="f">The expression.</param>
    /// <param name="bindings">(variable name, value) pairs: a value for every variable of f.</param>
    /// <returns>The worst element and whether it passed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> or <paramref name="bindings"/> is null, or a binding's name or value is null.</exception>
    /// <exception cref="ArgumentException">A name is bound twice, f has no variable, or a variable is not bound or is bound to a tensor of another shape.</exception>
    public static GradCheckResult Check(Expr f, params (string Name, Tensor<double> Value)[] bindings) => Check(f, Fn.Bind(bindings));

    static GradCheckOptions Validate(GradCheckOptions o)
    {
        const string options = nameof(options);
        if (!(o.Tolerance > 0) || double.IsInfinity(o.Tolerance)) throw new ArgumentException($"GradCheck: tolerance {o.Tolerance} must be finite and > 0.", options);
        if (o.Step is { } s && (!(s > 0) || double.IsInfinity(s))) throw new ArgumentException($"GradCheck: step {s} must be finite and > 0.", options);
        if (o.Projections < 1) throw new ArgumentException($"GradCheck: projections {o.Projections} must be ≥ 1.", options);
        if (!(o.Floor >= 0) || double.IsInfinity(o.Floor)) throw new ArgumentException($"GradCheck: floor {o.Floor} must be finite and ≥ 0.", options);
        if (!Enum.IsDefined(o.Mode)) throw new ArgumentException($"GradCheck: mode {o.Mode} is not a GradCheckMode; allowed: Full, Fast.", options);
        if (!Enum.IsDefined(o.Stencil)) throw new ArgumentException($"GradCheck: stencil {o.Stencil} is not a Stencil; allowed: Forward, Central, Richardson.", options);
        return o;
    }

    /// <summary>A NaN error ranks as the worst of all, so a NaN or infinite gradient can never hide behind a passing element.</summary>
    static bool Worse(GradCheckResult result, GradCheckResult? worst) =>
        worst is null || double.IsNaN(result.Error) || (!double.IsNaN(worst.Error) && result.Error > worst.Error);

    /// <summary>Like <see cref="Check(Expr, HashMap{string, Tensor{double}}, GradCheckOptions?, string[])"/>, throwing a <see cref="GradCheckException"/> that names the worst element on failure.</summary>
    /// <param name="f">The expression; a non-scalar f is checked through vᵀf for a fixed random v.</param>
    /// <param name="bindings">A value for every variable of f.</param>
    /// <param name="options">How to compare; null for <see cref="GradCheckOptions.Default"/>.</param>
    /// <param name="wrt">The names of the variables to check; none for all of f's variables.</param>
    /// <exception cref="ArgumentNullException"><paramref name="f"/>, <paramref name="wrt"/> or one of its names is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range, <paramref name="wrt"/> names a variable f does not have, f has no variable, or a variable is not bound or is bound to a tensor of another shape.</exception>
    /// <exception cref="GradCheckException">The worst element's relative error exceeds the tolerance.</exception>
    public static void Assert(Expr f, HashMap<string, Tensor<double>> bindings, GradCheckOptions? options = null, params string[] wrt)
    {
        var result = Check(f, bindings, options, wrt);
        if (!result.Passed) throw new GradCheckException(result);
    }

    /// <summary>Checks ∂f/∂w for every variable of f with the default options and throws on failure: the one-line check of a test.</summary>
    /// <param name="f">The expression.</param>
    /// <param name="bindings">(variable name, value) pairs: a value for every variable of f.</param>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> or <paramref name="bindings"/> is null, or a binding's name or value is null.</exception>
    /// <exception cref="ArgumentException">A name is bound twice, f has no variable, or a variable is not bound or is bound to a tensor of another shape.</exception>
    /// <exception cref="GradCheckException">The worst element's relative error exceeds the tolerance (the message names it).</exception>
    /// <example>
    /// <code>
    /// var x = Variable("x", Dim.Batch, 3);
    /// var y = Variable("y", Dim.Batch, 1);
    /// var w = Variable("w", 3, 1);
    /// Expr loss = Mean(Square(Tanh(MatMul(x, w)) - y));
    /// GradCheck.Assert(loss, ("x", Tensor.Normal&lt;double&gt;(new Shape(8, 3), seed: 1)),
    ///                        ("y", Tensor.Normal&lt;double&gt;(new Shape(8, 1), seed: 2)),
    ///                        ("w", Tensor.Normal&lt;double&gt;(new Shape(3, 1), seed: 3)));
    /// </code>
    /// </example>
    public static void Assert(Expr f, params (string Name, Tensor<double> Value)[] bindings) => Assert(f, Fn.Bind(bindings));

    static Seq<Variable> Variables(Expr f, string[] wrt)
    {
        var all = Graph.Variables(f);
        if (wrt.Length == 0) return all.ToSeq().Strict();
        return wrt.Select(n => all.FirstOrDefault(v => v.Name == n)
            ?? throw new ArgumentException($"GradCheck: f has no variable named '{n}'; its variables: [{string.Join(", ", all.Select(v => v.Name))}].", nameof(wrt))).ToSeq().Strict();
    }

    /// <summary>vᵀf with a fixed random v (f itself when it is a scalar).</summary>
    static Expr Scalarize(Expr f, HashMap<string, Tensor<double>> bindings, int seed)
    {
        if (!f.Shape.HasBatch && f.Shape.Size == 1) return Fn.Sum(f);
        var shape = Fn.Evaluate(f, bindings).Shape;
        return Fn.Sum(f * Fn.Const(Tensor.Normal<double>(shape, seed)));
    }

    static GradCheckResult Full(Expr phi, HashMap<string, Tensor<double>> bindings, Seq<Variable> variables, GradCheckOptions o)
    {
        var analytic = Fn.ValueAndGrad(phi, [.. variables]).Invoke(bindings);
        var plan = Plan.Compile(phi);
        GradCheckResult? worst = null;
        foreach (var (v, grad) in variables.Zip(analytic.Grads))
        {
            var x = bindings[v.Name];
            var data = x.ToArray();
            for (var i = 0; i < data.Length; i++)
            {
                var at = i;
                var numeric = Numeric.Derivative(t =>
                {
                    var moved = (double[])data.Clone();
                    moved[at] = t;
                    return plan.Run(bindings.SetItem(v.Name, Tensor.FromArray<double>(x.Shape, moved)))[0].Scalar;
                }, data[at], o.Stencil, o.Step);
                var result = Compare(v.Name, $"at index {IndexText(x.Shape, at)}", grad.Span[at], numeric, o);
                if (Worse(result, worst)) worst = result;
            }
        }
        return worst ?? Compare("(none)", "(no elements)", 0, 0, o);
    }

    static GradCheckResult Fast(Expr phi, HashMap<string, Tensor<double>> bindings, Seq<Variable> variables, GradCheckOptions o)
    {
        var analytic = Fn.ValueAndGrad(phi, [.. variables]).Invoke(bindings);
        var plan = Plan.Compile(phi);
        var rng = Rng.FromSeed(o.Seed);
        GradCheckResult? worst = null;
        for (var k = 0; k < o.Projections; k++)
        {
            var directions = new List<Tensor<double>>();
            foreach (var v in variables)
            {
                var (u, next) = Tensor.Normal<double>(bindings[v.Name].Shape, rng);
                rng = next;
                directions.Add(u);
            }
            var along = analytic.Grads.Zip(directions).Sum(p => Dot(p.Item1, p.Item2));
            var numeric = Numeric.Derivative(t =>
            {
                var moved = bindings;
                foreach (var (v, u) in variables.Zip(directions))
                    moved = moved.SetItem(v.Name, Axpy(t, u, bindings[v.Name]));
                return plan.Run(moved)[0].Scalar;
            }, 0, o.Stencil, o.Step);
            var result = Compare(string.Join(", ", variables.Map(v => v.Name)), $"along random direction {k}", along, numeric, o);
            if (Worse(result, worst)) worst = result;
        }
        return worst!;
    }

    static GradCheckResult Compare(string input, string where, double analytic, double numeric, GradCheckOptions o)
    {
        var error = Numeric.RelativeError(analytic, numeric, o.Floor);
        var method = $"{o.Stencil.ToString().ToLowerInvariant()} difference, h = {(o.Step is { } h ? h.ToString("G3") : Numeric.Step(o.Stencil, Numeric.DoubleEpsilon).ToString("G3") + "·max(1,|x|)")}";
        return new(error <= o.Tolerance && !double.IsNaN(error), input, where, analytic, numeric, error, o.Tolerance, method);
    }

    static string IndexText(Shape shape, int flat)
    {
        var idx = new int[shape.Rank];
        for (var a = shape.Rank - 1; a >= 0; a--) { idx[a] = flat % shape[a]; flat /= shape[a]; }
        return "[" + string.Join(", ", idx) + "]";
    }

    static double Dot(Tensor<double> a, Tensor<double> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a.Span, b.Span);

    static Tensor<double> Axpy(double t, Tensor<double> u, Tensor<double> x)
    {
        var y = new double[x.Size];
        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(u.Span, t, x.Span, y);
        return Tensor.FromArray<double>(x.Shape, y);
    }
}
