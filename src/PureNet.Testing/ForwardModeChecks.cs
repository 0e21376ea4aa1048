using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using PureNet;
using static PureNet.Fn;

namespace PureNet.Testing;

public static partial class GradProperties
{
    /// <summary>
    /// Forward mode against reverse mode and numbers: for every sample, the JVP of f along a random v (raw and
    /// simplified) equals ⟨∇f, v⟩ from the VJP and the Richardson-extrapolated central difference of f along v. A sample
    /// whose f is not a scalar is read as ⟨w, f⟩ with a random weight w, so every element of f's tangent counts.
    /// </summary>
    /// <param name="samples">The samples checked.</param>
    /// <returns>The FsCheck property.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="samples"/> is null.</exception>
    /// <example>
    /// <code>
    /// var samples = GradProperties.Samples(Generators.Shape().Select(s => new[] { s }), xs => Sin(xs[0]) * xs[0], Domain.Any);
    /// GradProperties.Verify(GradProperties.Jvp(samples), cases: 100);
    /// </code>
    /// </example>
    public static Property Jvp(Gen<GradSample> samples) => Prop.ForAll(Arb.From(WithDirections(Guard(samples, "Jvp"))), d =>
    {
        if (d.Xs.Length == 0) return true.ToProperty();
        var pairs = d.Xs.Select((x, i) => ((Expr)x, (Expr)d.Vs[i])).ToArray();
        var jvp = Scalar(Fn.Jvp(d.Sample.F, pairs), d.Bindings);
        var raw = Scalar(Forward.Jvp([d.Sample.F], pairs, simplify: false)[0], d.Bindings);
        var vjp = Grad(d.Sample.F, [.. d.Xs]).Zip(d.Vs).Map(p => Scalar(Sum(p.Item1 * p.Item2), d.Bindings)).Sum();
        var numeric = Numeric(d);
        return (Close(jvp, raw, 1e-10) && Close(jvp, vjp, 1e-9) && Close(jvp, numeric, 1e-6))
            .Label($"JVP {jvp}, raw JVP {raw}, ⟨∇f, v⟩ {vjp}, numeric {numeric}");
    });

    /// <summary>
    /// On the gradient map ∇f (vector-valued), ⟨u, J·v⟩ from the JVP equals ⟨Jᵀ·u, v⟩ from the VJP, and both equal
    /// the reverse-over-reverse Hessian-vector product: forward over reverse is the transpose of reverse over reverse.
    /// </summary>
    /// <param name="samples">The samples checked (the first differentiated variable is used).</param>
    /// <returns>The FsCheck property.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="samples"/> is null.</exception>
    /// <example>
    /// <code>
    /// var samples = GradProperties.Samples(Generators.Shape().Select(s => new[] { s }), xs => Sum(Exp(xs[0]) * xs[0]), Domain.Any);
    /// GradProperties.Verify(GradProperties.JvpTransposesVjp(samples), cases: 100);
    /// </code>
    /// </example>
    public static Property JvpTransposesVjp(Gen<GradSample> samples) => Prop.ForAll(Arb.From(WithDirections(Guard(samples, "JvpTransposesVjp"))), d =>
    {
        if (d.Xs.Length == 0) return true.ToProperty();
        var (x, v, u) = (d.Xs[0], d.Vs[0], d.Us[0]);
        var gradient = Grad(d.Sample.F, x);
        var forward = Scalar(Sum(u * Fn.Jvp(gradient, x, v)), d.Bindings);
        var reverse = Scalar(Sum(Reverse.Vjp(gradient, u, [x])[0] * v), d.Bindings);
        var hvp = Scalar(Sum(u * Hvp(d.Sample.F, x, v)), d.Bindings);
        return (Close(forward, reverse, 1e-9) && Close(forward, hvp, 1e-9)).Label($"⟨u, Jv⟩ {forward}, ⟨Jᵀu, v⟩ {reverse}, reverse-over-reverse {hvp}");
    });

    /// <summary>A sample with a tangent v and a second direction u per variable it differentiates, bound as v_x and u_x.</summary>
    sealed record Directed(GradSample Sample, Variable[] Xs, Variable[] Vs, Variable[] Us, HashMap<string, Tensor<double>> Bindings)
    {
        /// <inheritdoc/>
        public override string ToString() => Sample + "\n" + string.Join("\n", Vs.Concat(Us).Select(v => $"  {v.Name} = {Bindings[v.Name]}"));
    }

    const string Weight = "w_out";

    static Gen<GradSample> Guard(Gen<GradSample> samples, string function) =>
        samples ?? throw new ArgumentNullException(nameof(samples), $"GradProperties.{function}: samples is null.");

    static Gen<Directed> WithDirections(Gen<GradSample> samples) =>
        from raw in samples
        from seed in Gen.Choose(0, 1_000_000)
        let s = Scalarized(raw, seed)
        let xs = Graph.Variables(s.F).Where(x => x.Name != Weight && (s.Wrt.Length == 0 || s.Wrt.Contains(x.Name))).ToArray()
        let vs = xs.Select((x, i) => Tensor.Uniform<double>(s.Bindings[x.Name].Shape, seed + 2 * i + 1, -2, 2)).ToArray()
        let us = xs.Select((x, i) => Tensor.Uniform<double>(s.Bindings[x.Name].Shape, seed + 2 * i + 2, -2, 2)).ToArray()
        let v = xs.Select(x => Variable("v_" + x.Name, x.Shape)).ToArray()
        let u = xs.Select(x => Variable("u_" + x.Name, x.Shape)).ToArray()
        select new Directed(s, xs, v, u, xs.Select((x, i) => (v[i].Name, vs[i])).Concat(xs.Select((x, i) => (u[i].Name, us[i])))
            .Aggregate(s.Bindings, (m, b) => m.Add(b.Item1, b.Item2)));

    static GradSample Scalarized(GradSample s, int seed)
    {
        if (!s.F.Shape.HasBatch && s.F.Shape.Size == 1) return s with { F = Sum(s.F) };
        var shape = s.F.Evaluate(s.Bindings).Shape;
        return s with { F = Sum(s.F * Variable(Weight, s.F.Shape)), Bindings = s.Bindings.Add(Weight, Tensor.Uniform<double>(shape, seed, -2, 2)) };
    }

    static double Scalar(Expr e, HashMap<string, Tensor<double>> b) => e.Evaluate(b).Scalar;

    static bool Close(double a, double b, double tol) => Math.Abs(a - b) <= tol * (1 + Math.Abs(a) + Math.Abs(b));

    /// <summary>(f(x + hv) − f(x − hv))/2h, Richardson-extrapolated from h and h/2.</summary>
    static double Numeric(Directed d)
    {
        double At(double h) => Scalar(d.Sample.F, d.Xs.Select((x, i) => (x.Name, d.Bindings[x.Name] + d.Bindings[d.Vs[i].Name] * h))
            .Aggregate(d.Sample.Bindings, (m, b) => m.SetItem(b.Item1, b.Item2)));
        double D(double h) => (At(h) - At(-h)) / (2 * h);
        const double step = 1e-3;
        return (4 * D(step / 2) - D(step)) / 3;
    }
}
