using System.Collections.Immutable;
using LanguageExt;

namespace PureNet;

/// <summary>
/// A scalar expression seen as a function of one flat vector: the tensors of a start tree laid end to end in name
/// order. Second-order methods work on that vector; trees go in and come out.
/// </summary>
internal sealed class FlatObjective
{
    readonly Seq<string> names;
    readonly int[] offsets;
    readonly Shape[] shapes;
    readonly HashMap<string, Tensor<double>> fixedBindings;
    readonly ValueAndGradFunction valueAndGrad;

    FlatObjective(Expr f, Seq<Variable> wrt, HashMap<string, Tensor<double>> fixedBindings)
    {
        F = f;
        Wrt = wrt;
        names = wrt.Map(v => v.Name).Strict();
        shapes = [.. wrt.Map(v => v.Shape)];
        offsets = new int[shapes.Length + 1];
        for (var i = 0; i < shapes.Length; i++) offsets[i + 1] = offsets[i] + shapes[i].Size;
        this.fixedBindings = fixedBindings;
        valueAndGrad = Fn.ValueAndGrad(f, wrt);
    }

    public Expr F { get; }
    public Seq<Variable> Wrt { get; }
    public int Size => offsets[^1];

    /// <summary>Checks that f is a scalar, that every tensor of <paramref name="start"/> is a variable of f with its shape, and that f's other variables are bound.</summary>
    public static FlatObjective Of(string owner, Expr f, ParamTree<double> start, HashMap<string, Tensor<double>>? fixedBindings)
    {
        ArgumentNullException.ThrowIfNull(f, nameof(f));
        ArgumentNullException.ThrowIfNull(start, nameof(start));
        if (f.Shape.HasBatch || f.Shape.Size != 1)
            throw new ShapeException($"{owner}: f has shape {f.Shape}; it must be a scalar (reduce it first).");
        if (start.Count == 0) throw new ArgumentException($"{owner}: the start tree is empty; give a value for each variable to optimize.", nameof(start));
        Norms.RefuseNonFinite(start.Names.Map(n => ($"start '{n}'", start[n])), owner, "a minimizer needs a finite start point");
        var fixedMap = fixedBindings ?? HashMap<string, Tensor<double>>.Empty;
        foreach (var (name, t) in fixedMap)
            if (t is null) throw new ArgumentNullException(nameof(fixedBindings), $"{owner}: the fixed binding '{name}' is null.");
        var vars = Graph.Variables(f).DistinctBy(v => v.Name).ToDictionary(v => v.Name);
        foreach (var n in start.Names)
        {
            if (!vars.TryGetValue(n, out var v))
                throw new ArgumentException($"{owner}: start names '{n}', which f does not read; f's variables: [{string.Join(", ", vars.Keys.Order())}].", nameof(start));
            if (v.Shape != start[n].Shape) throw new ShapeException($"{owner}: '{n}' is {v.Shape} in f but {start[n].Shape} in the start tree.");
        }
        foreach (var v in vars.Values.Where(v => !start.Contains(v.Name) && !fixedMap.ContainsKey(v.Name)))
            throw new ArgumentException($"{owner}: f reads '{v.Name}' {v.Shape}, which is neither in the start tree nor among the fixed bindings.", nameof(fixedBindings));
        return new(f, start.Names.Map(n => vars[n]).Strict(), fixedMap);
    }

    /// <summary>
    /// f and ∇f at the start must be finite: from a NaN (or ∞) there is no descent to measure, and a method would stop
    /// at once with a reason that means nothing ("the iteration limit" after 0 iterations). Shared by Newton and L-BFGS.
    /// </summary>
    public static void CheckStart(string owner, double f, ReadOnlySpan<double> g)
    {
        if (!double.IsFinite(f)) throw new ArgumentException($"{owner}: f is {f} at the start point; a minimizer needs a start where f and ∇f are finite.", "start");
        for (var i = 0; i < g.Length; i++)
            if (!double.IsFinite(g[i]))
                throw new ArgumentException($"{owner}: ∇f is {g[i]} at the start point (flat index {i}); a minimizer needs a start where f and ∇f are finite.", "start");
    }

    public double[] Flatten(ParamTree<double> tree)
    {
        var x = new double[Size];
        for (var i = 0; i < names.Count; i++) tree[names[i]].Span.CopyTo(x.AsSpan(offsets[i]));
        return x;
    }

    public ParamTree<double> Unflatten(ReadOnlySpan<double> x)
    {
        var m = HashMap<string, Tensor<double>>.Empty;
        for (var i = 0; i < names.Count; i++) m = m.Add(names[i], Tensor.FromArray(shapes[i], x.Slice(offsets[i], offsets[i + 1] - offsets[i])));
        return new(m);
    }

    public HashMap<string, Tensor<double>> Bind(ParamTree<double> at) => at.Fold(fixedBindings, (m, k, v) => m.AddOrUpdate(k, v));

    /// <summary>f(x) and ∇f(x) from one compiled plan.</summary>
    public (double F, double[] G) Eval(double[] x)
    {
        var r = valueAndGrad.Invoke(Bind(Unflatten(x)));
        var g = new double[Size];
        for (var i = 0; i < names.Count; i++) r.Grads[i].Span.CopyTo(g.AsSpan(offsets[i]));
        return (r.Value, g);
    }
}

/// <summary>What a minimizer returns: the point, f and ‖∇f‖ there, the iterations and function evaluations used, whether the gradient tolerance was met, and f after each iteration.</summary>
/// <param name="X">The final point, as a tree like the start.</param>
/// <param name="Value">f at <paramref name="X"/>.</param>
/// <param name="GradNorm">‖∇f‖∞ at <paramref name="X"/>.</param>
/// <param name="Iterations">The iterations done.</param>
/// <param name="Evaluations">The evaluations of f (and ∇f) used, line searches included.</param>
/// <param name="Converged">Whether ‖∇f‖∞ is within the gradient tolerance.</param>
/// <param name="Values">f after each iteration.</param>
/// <param name="Reason">Why the method stopped, in words.</param>
public sealed record MinimizeResult(ParamTree<double> X, double Value, double GradNorm, int Iterations, int Evaluations, bool Converged, ImmutableArray<double> Values, string Reason)
{
    /// <summary>f after each iteration (default is read as none).</summary>
    public ImmutableArray<double> Values { get; init => field = value.IsDefault ? [] : value; } = Values.IsDefault ? [] : Values;

    /// <summary>By value (an ImmutableArray alone compares by reference).</summary>
    /// <param name="other">The result compared.</param>
    /// <returns>Whether every field is equal.</returns>
    public bool Equals(MinimizeResult? other) =>
        other is not null && X == other.X && Value.Equals(other.Value) && GradNorm.Equals(other.GradNorm) && Iterations == other.Iterations &&
        Evaluations == other.Evaluations && Converged == other.Converged && Values.SequenceEqual(other.Values) && Reason == other.Reason;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(X, Value, Iterations, Converged, Values.Length, Reason);
}
