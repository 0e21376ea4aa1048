using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using PureNet;

namespace PureNet.Testing;

/// <summary>A function with bindings to check it at, and the variables to differentiate (all when empty). Prints readably in counterexamples.</summary>
public sealed record GradSample(Expr F, HashMap<string, Tensor<double>> Bindings, params string[] Wrt)
{
    public override string ToString() =>
        $"f = {F}\n" + string.Join("\n", Bindings.OrderBy(b => b.Key).Select(b => $"  {b.Key} = {b.Value}"));
}

/// <summary>Ready-made FsCheck properties: a symbolic gradient agrees with numeric differences.</summary>
public static partial class GradProperties
{
    /// <summary>For every generated sample, <see cref="GradCheck"/> passes; a failure's label names the worst element.</summary>
    public static Property Gradient(Gen<GradSample> samples, GradCheckOptions? options = null) =>
        samples is null ? throw new ArgumentNullException(nameof(samples), "GradProperties.Gradient: samples is null.") :
        Prop.ForAll(Arb.From(samples), s =>
        {
            var result = GradCheck.Check(s.F, s.Bindings, options, s.Wrt);
            return result.Passed.Label(result.ToString());
        });

    /// <summary>Builds samples of f applied to variables of generated shapes and values.</summary>
    public static Gen<GradSample> Samples(Gen<Shape[]> shapes, Func<Expr[], Expr> f, params Domain[] domains) =>
        shapes is null || f is null || domains is null
            ? throw new ArgumentNullException(shapes is null ? nameof(shapes) : f is null ? nameof(f) : nameof(domains), "GradProperties.Samples: shapes, f and domains are required.")
        : domains.Length == 0 ? throw new ArgumentException("GradProperties.Samples: give at least one domain (the last one is used for the remaining variables).", nameof(domains))
        : from ss in shapes
        let vars = ss.Select((s, i) => new Variable($"x{i}", s)).ToArray()
        from b in Generators.Bindings([.. vars.Select((v, i) => (v, domains[Math.Min(i, domains.Length - 1)]))])
        select new GradSample(f(vars), b);

    /// <summary>Runs a property with a case count, throwing on failure (for use inside an xunit test).</summary>
    public static void Verify(Property property, int cases) =>
        property.Check(Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true));
}
