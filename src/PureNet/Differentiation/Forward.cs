using System.Collections.Immutable;
using LanguageExt;

namespace PureNet;

/// <summary>
/// Symbolic forward mode: each op's JVP rule is applied over the DAG in topological order, carrying one tangent
/// expression per node that depends on a perturbed input (no recursion, no perturbation tags: a tangent is an
/// expression like any other, so nested derivatives cannot confuse one perturbation with another).
/// </summary>
public static class Forward
{
    /// <summary>
    /// The tangent of each root when each x of <paramref name="tangents"/> moves along its v (shaped like x), simplified
    /// (<see cref="Fn.Simplify"/>) unless <paramref name="simplify"/> is false. A variable is its name, as in reverse mode;
    /// an x given twice moves along the sum of its v.
    /// </summary>
    /// <param name="roots">The outputs f to differentiate; at least one.</param>
    /// <param name="tangents">(x, v) pairs: each input x moves along v, an expression shaped like x; at least one.</param>
    /// <param name="simplify">False to get the JVP rules' raw output.</param>
    /// <returns>Per root, in order, its tangent J·v, shaped like the root (zeros when it does not depend on any x).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="roots"/>, <paramref name="tangents"/>, a root, or an x or v of a pair is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="roots"/> or <paramref name="tangents"/> is empty.</exception>
    /// <exception cref="ShapeException">A v is not shaped like its x, or one variable name is used with two shapes.</exception>
    /// <exception cref="InvalidOperationException">An op's JVP rule returned null or a tangent of the wrong shape.</exception>
    public static Seq<Expr> Jvp(IEnumerable<Expr> roots, IEnumerable<(Expr X, Expr V)> tangents, bool simplify = true)
    {
        var outputs = Guard.NoNulls(Guard.NotNull(roots, "jvp").ToArray(), "jvp", nameof(roots));
        var seeds = Guard.NotNull(tangents, "jvp").ToArray();
        if (outputs.Length == 0) throw new ArgumentException("jvp: roots is empty; give at least one expression to differentiate.", nameof(roots));
        if (seeds.Length == 0) throw new ArgumentException("jvp: no (x, v) pair given; name at least one input to perturb.", nameof(tangents));
        foreach (var (x, v) in seeds)
        {
            if (x is null || v is null) throw new ArgumentNullException(nameof(tangents), "jvp: an (x, v) pair holds null; give an expression and its tangent.");
            if (v.Shape != x.Shape) throw new ShapeException($"jvp: the tangent of {Print.Infix(x)} has shape {v.Shape} but the input has {x.Shape}; v must be shaped like x.");
        }
        Graph.MergeVariables("jvp", [.. outputs, .. seeds.Select(s => s.X), .. seeds.Select(s => s.V)]);
        var result = Prelude.toSeq(Tangent(outputs, seeds)).Strict();
        return simplify ? Simplifier.Simplify(result) : result;
    }

    static Expr[] Tangent(Expr[] roots, (Expr X, Expr V)[] seeds)
    {
        var seeded = new Dictionary<Expr, Expr>(NodeIdentity.Instance);
        foreach (var (x, v) in seeds)
            seeded[x] = seeded.TryGetValue(x, out var earlier) ? Fn.Add(earlier, v) : v;
        var tangent = new Dictionary<Expr, Expr>(NodeIdentity.Instance);    // only nodes that vary
        foreach (var node in Graph.TopoSort(roots))
        {
            if (seeded.TryGetValue(node, out var v)) { tangent[node] = v; continue; }
            if (node is not Apply a || !ReadsAny(a, tangent)) continue;
            var t = ImmutableArray.CreateRange(a.Inputs.Map(x => tangent.TryGetValue(x, out var tx) ? tx : Fn.Zeros(x.Shape)));
            var ty = Rule(a, t);
            if (!Fn.IsZero(ty)) tangent[a] = ty;
        }
        return [.. roots.Select(r => tangent.TryGetValue(r, out var t) ? t : Fn.Zeros(r.Shape))];
    }

    static bool ReadsAny(Apply a, Dictionary<Expr, Expr> varying)
    {
        for (var k = 0; k < a.Inputs.Count; k++) if (varying.ContainsKey(a.Inputs[k])) return true;
        return false;
    }

    /// <summary>An op's JVP rule, checked: one tangent, shaped like the node.</summary>
    static Expr Rule(Apply a, ImmutableArray<Expr> t)
    {
        var ty = a.Op.Jvp(a, t) ?? throw new InvalidOperationException($"jvp: the rule of {a.Op.Name} returned null; a JVP rule returns the output's tangent.");
        if (ty.Shape != a.Shape)
            throw new InvalidOperationException($"jvp: the rule of {a.Op.Name} gave a tangent of shape {ty.Shape} for an output of shape {a.Shape}.");
        return ty;
    }
}
