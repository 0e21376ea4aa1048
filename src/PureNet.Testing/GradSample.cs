using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using PureNet;

namespace PureNet.Testing;

/// <summary>A function with bindings to check it at, and the variables to differentiate (all when empty). Prints readably in counterexamples.</summary>
/// <param name="F">The function.</param>
/// <param name="Bindings">A value for each of its variables.</param>
/// <param name="Wrt">The names of the variables differentiated; none for every variable.</param>
public sealed record GradSample(Expr F, HashMap<string, Tensor<double>> Bindings, params string[] Wrt)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"f = {F}\n" + string.Join("\n", Bindings.OrderBy(b => b.Key).Select(b => $"  {b.Key} = {b.Value}"));
}

/// <summary>Ready-made FsCheck properties: a symbolic gradient agrees with numeric differences.</summary>
public static partial class GradProperties
{
    /// <summary>For every generated sample, <see cref="GradCheck"/> passes; a failure's label names the worst element.</summary>
    /// <param name="samples">The samples checked.</param>
    /// <param name="options">The gradient check's options; null for the defaults.</param>
    /// <returns>The FsCheck property; run it with <see cref="Verify"/> or FsCheck's own runners.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="samples"/> is null.</exception>
    /// <example>
    /// <code>
    /// // In an xunit test (using FsCheck.Fluent; using static PureNet.Fn;): tanh's symbolic gradient agrees with
    /// // numeric differences at 200 generated shapes and values.
    /// var samples = GradProperties.Samples(Generators.Shape().Select(s => new[] { s }), xs => Tanh(xs[0]), Domain.Any);
    /// GradProperties.Verify(GradProperties.Gradient(samples), cases: 200);
    /// </code>
    /// </example>
    public static Property Gradient(Gen<GradSample> samples, GradCheckOptions? options = null) =>
        samples is null ? throw new ArgumentNullException(nameof(samples), "GradProperties.Gradient: samples is null.") :
        Prop.ForAll(Arb.From(samples), s =>
        {
            var result = GradCheck.Check(s.F, s.Bindings, options, s.Wrt);
            return result.Passed.Label(result.ToString());
        });

    /// <summary>Builds samples of f applied to variables x0, x1, … of generated shapes, with values from the domains (variable i uses domain i, the last domain the rest).</summary>
    /// <param name="shapes">The variables' shapes, one array per sample.</param>
    /// <param name="f">The function of the variables.</param>
    /// <param name="domains">The values' domains, at least one.</param>
    /// <returns>A generator of samples.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shapes"/>, <paramref name="f"/> or <paramref name="domains"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="domains"/> is empty.</exception>
    /// <example>
    /// <code>
    /// // In an xunit test (using FsCheck.Fluent; using static PureNet.Fn;): tanh's symbolic gradient agrees with
    /// // numeric differences at 200 generated shapes and values.
    /// var samples = GradProperties.Samples(Generators.Shape().Select(s => new[] { s }), xs => Tanh(xs[0]), Domain.Any);
    /// GradProperties.Verify(GradProperties.Gradient(samples), cases: 200);
    /// </code>
    /// </example>
    public static Gen<GradSample> Samples(Gen<Shape[]> shapes, Func<Expr[], Expr> f, params Domain[] domains) =>
        shapes is null || f is null || domains is null
            ? throw new ArgumentNullException(shapes is null ? nameof(shapes) : f is null ? nameof(f) : nameof(domains), "GradProperties.Samples: shapes, f and domains are required.")
        : domains.Length == 0 ? throw new ArgumentException("GradProperties.Samples: give at least one domain (the last one is used for the remaining variables).", nameof(domains))
        : from ss in shapes
        let vars = ss.Select((s, i) => new Variable($"x{i}", s)).ToArray()
        from b in Generators.Bindings([.. vars.Select((v, i) => (v, domains[Math.Min(i, domains.Length - 1)]))])
        select new GradSample(f(vars), b);

    /// <summary>Runs a property with a case count, throwing on failure (for use inside an xunit test).</summary>
    /// <param name="property">The property.</param>
    /// <param name="cases">How many cases to generate.</param>
    /// <exception cref="Exception">The property fails; the message holds FsCheck's counterexample and label.</exception>
    /// <example>
    /// <code>
    /// // In an xunit test (using FsCheck.Fluent; using static PureNet.Fn;): tanh's symbolic gradient agrees with
    /// // numeric differences at 200 generated shapes and values.
    /// var samples = GradProperties.Samples(Generators.Shape().Select(s => new[] { s }), xs => Tanh(xs[0]), Domain.Any);
    /// GradProperties.Verify(GradProperties.Gradient(samples), cases: 200);
    /// </code>
    /// </example>
    public static void Verify(Property property, int cases) =>
        property.Check(Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true));
}
