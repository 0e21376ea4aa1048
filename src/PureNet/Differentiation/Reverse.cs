using System.Collections.Immutable;
using LanguageExt;

namespace PureNet;

/// <summary>
/// Symbolic reverse mode: each op's VJP rule is applied over the DAG in reverse topological order, adjoints of a
/// shared node are summed, and the results are ordinary expressions (print, simplify, evaluate or differentiate them again).
/// </summary>
public static class Reverse
{
    /// <summary>
    /// The cotangent of each of <paramref name="wrt"/> for output <paramref name="root"/> with cotangent <paramref name="seed"/>.
    /// A variable is its name: a <see cref="Variable"/> in <paramref name="wrt"/> stands for every node of that name.
    /// The result is simplified (<see cref="Fn.Simplify"/>).
    /// </summary>
    /// <param name="root">The output f, of any shape (an open batch axis too).</param>
    /// <param name="seed">The output's cotangent u, shaped like <paramref name="root"/>.</param>
    /// <param name="wrt">The nodes to take the cotangent of (variables or any node of the graph); at least one.</param>
    /// <returns>Per node w of <paramref name="wrt"/>, in order, uᵀ·∂f/∂w as an expression shaped like w (zeros when f does not depend on w).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="root"/>, <paramref name="seed"/>, <paramref name="wrt"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="wrt"/> is empty.</exception>
    /// <exception cref="ShapeException">The seed's shape differs from the output's, or one variable name is used with two shapes.</exception>
    /// <exception cref="InvalidOperationException">An op's VJP rule returned the wrong number of cotangents, a null one or one of the wrong shape.</exception>
    public static Seq<Expr> Vjp(Expr root, Expr seed, IEnumerable<Expr> wrt) => Vjp(root, seed, wrt, simplify: true);

    /// <summary>The cotangents, simplified (<see cref="Fn.Simplify"/>) or, with <paramref name="simplify"/> false, as the rules build them.</summary>
    /// <param name="root">The output f.</param>
    /// <param name="seed">The output's cotangent u, shaped like <paramref name="root"/>.</param>
    /// <param name="wrt">The nodes to take the cotangent of; at least one.</param>
    /// <param name="simplify">False to get the rules' raw output (what a compiled gradient runs).</param>
    /// <returns>Per node w of <paramref name="wrt"/>, uᵀ·∂f/∂w shaped like w.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="root"/>, <paramref name="seed"/>, <paramref name="wrt"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="wrt"/> is empty.</exception>
    /// <exception cref="ShapeException">The seed's shape differs from the output's, or one variable name is used with two shapes.</exception>
    /// <exception cref="InvalidOperationException">An op's VJP rule returned the wrong number of cotangents, a null one or one of the wrong shape.</exception>
    public static Seq<Expr> Vjp(Expr root, Expr seed, IEnumerable<Expr> wrt, bool simplify)
    {
        Guard.NotNull(root, "vjp");
        Guard.NotNull(seed, "vjp");
        var nodes = Guard.NoNulls(Guard.NotNull(wrt, "vjp").ToArray(), "vjp", nameof(wrt));
        if (nodes.Length == 0)
            throw new ArgumentException("vjp: wrt is empty; name at least one node to take the cotangent of.", nameof(wrt));
        var cotangents = Cotangents(root, seed, Prelude.toSeq(nodes).Strict());
        return simplify ? Simplifier.Simplify(cotangents) : cotangents;
    }

    static Seq<Expr> Cotangents(Expr root, Expr seed, Seq<Expr> wrt)
    {
        if (seed.Shape != root.Shape)
            throw new ShapeException($"vjp: the seed's shape {seed.Shape} differs from the output's {root.Shape}.");
        Graph.MergeVariables("vjp", [root, seed, .. wrt]);
        var order = Graph.TopoSort(root);
        var wanted = new System.Collections.Generic.HashSet<Expr>(wrt, NodeIdentity.Instance);
        // Only nodes that depend on a wrt node carry a cotangent worth building.
        var live = new System.Collections.Generic.HashSet<Expr>(NodeIdentity.Instance);
        foreach (var n in order)
            if (wanted.Contains(n) || ReadsAny(n, live)) live.Add(n);

        // Each node's cotangent terms are collected and summed once, when the node is reached (all its users come
        // first in reverse order): pads of many slices of one tensor then join into one scatter-add, O(n) not O(n²).
        var ct = new Dictionary<Expr, List<Expr>>(NodeIdentity.Instance) { [root] = [seed] };
        for (var i = order.Length - 1; i >= 0; i--)
        {
            if (order[i] is not Apply a || !live.Contains(a) || !ct.TryGetValue(a, out var terms)) continue;
            var g = Fn.SumCotangents(terms);
            if (wanted.Contains(a)) ct[a] = [g];
            else ct.Remove(a);
            var cotangents = Rule(a, g);
            for (var k = 0; k < cotangents.Length; k++)
            {
                var (x, gx) = (a.Inputs[k], cotangents[k]);
                if (!live.Contains(x) || Fn.IsZero(gx)) continue;     // a zero adds nothing (and a custom op's body is never entered)
                if (ct.TryGetValue(x, out var acc)) acc.Add(gx);
                else ct[x] = [gx];
            }
        }
        return wrt.Map(w => ct.TryGetValue(w, out var terms) ? Fn.SumCotangents(terms) : Fn.ZerosLike(w)).Strict();
    }

    static bool ReadsAny(Expr n, System.Collections.Generic.HashSet<Expr> nodes)
    {
        for (var k = 0; k < n.Inputs.Count; k++) if (nodes.Contains(n.Inputs[k])) return true;
        return false;
    }

    /// <summary>An op's VJP rule, checked: one cotangent per input, each shaped like its input.</summary>
    static ImmutableArray<Expr> Rule(Apply a, Expr g)
    {
        var cotangents = a.Op.Vjp(a, g);
        if (cotangents.IsDefault || cotangents.Length != a.Inputs.Count)
            throw new InvalidOperationException(
                $"vjp: the rule of {a.Op.Name} returned {(cotangents.IsDefault ? 0 : cotangents.Length)} cotangent(s) for {a.Inputs.Count} input(s); a VJP rule returns exactly one per input.");
        for (var k = 0; k < cotangents.Length; k++)
        {
            if (cotangents[k] is null)
                throw new InvalidOperationException($"vjp: the rule of {a.Op.Name} returned null as the cotangent of input {k}.");
            if (cotangents[k].Shape != a.Inputs[k].Shape)
                throw new InvalidOperationException($"vjp: the rule of {a.Op.Name} gave a cotangent of shape {cotangents[k].Shape} for input {k} of shape {a.Inputs[k].Shape}.");
        }
        return cotangents;
    }
}

public static partial class Fn
{
    /// <summary>
    /// ∂f/∂w for a scalar f (one element, no batch axis): one derivative expression per w, shaped like w, simplified
    /// (<see cref="Simplify(Expr)"/>); <see cref="RawGrad"/> gives them as the rules build them. Parameters shared by
    /// several w are differentiated once.
    /// </summary>
    /// <param name="f">A scalar expression: one element, no batch axis (reduce a batch with <see cref="Sum(Expr, Axes?, bool)"/> or <see cref="Mean(Expr, Axes?, bool)"/> first).</param>
    /// <param name="wrt">The variables (or any nodes of f) to differentiate in; at least one.</param>
    /// <returns>∂f/∂w for each w of <paramref name="wrt"/>, in order, each shaped like its w.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/>, <paramref name="wrt"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="wrt"/> is empty.</exception>
    /// <exception cref="ShapeException"><paramref name="f"/> is not a scalar, or one variable name is used with two shapes.</exception>
    /// <exception cref="InvalidOperationException">An op's VJP rule returned the wrong number or shape of cotangents.</exception>
    /// <example>
    /// <code>
    /// var (x, y) = (Variable("x", Dim.Batch, 2), Variable("y", Dim.Batch, 1));
    /// var (w, b) = (Variable("w", 2, 1), Variable("b", 1));
    /// var loss = Mean(Square(MatMul(x, w) + b - y));
    /// var grads = Grad(loss, w, b);              // [∂loss/∂w, ∂loss/∂b]
    /// Console.WriteLine(grads[1]);               // sum_0(2 / N * (x · w + b - y))
    /// </code>
    /// </example>
    public static Seq<Expr> Grad(Expr f, params Expr[] wrt) => Simplifier.Simplify(RawGrad(f, wrt));

    /// <summary>∂f/∂w as the derivative rules build them, unsimplified (what a compiled gradient runs).</summary>
    /// <param name="f">A scalar expression: one element, no batch axis.</param>
    /// <param name="wrt">The variables (or nodes of f) to differentiate in; at least one.</param>
    /// <returns>∂f/∂w for each w of <paramref name="wrt"/>, in order, each shaped like its w.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/>, <paramref name="wrt"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="wrt"/> is empty.</exception>
    /// <exception cref="ShapeException"><paramref name="f"/> is not a scalar, or one variable name is used with two shapes.</exception>
    /// <exception cref="InvalidOperationException">An op's VJP rule returned the wrong number or shape of cotangents.</exception>
    public static Seq<Expr> RawGrad(Expr f, params Expr[] wrt)
    {
        Guard.NotNull(f, "grad");
        Guard.NoNulls(wrt, "grad");
        if (f.Shape.HasBatch || f.Shape.Any(d => d != 1))
            throw new ShapeException($"grad: f has shape {f.Shape}; grad needs a scalar (one element, no batch axis). Reduce it first (Sum, Mean) or use Vjp with a seed.");
        return Reverse.Vjp(f, Ones(f.Shape), Inputs(wrt), simplify: false);
    }

    /// <summary>∂f/∂w for one w: a derivative expression shaped like w, simplified, that prints, evaluates and differentiates again.</summary>
    /// <param name="f">A scalar expression: one element, no batch axis.</param>
    /// <param name="wrt">The variable (or node of f) to differentiate in.</param>
    /// <returns>∂f/∂w, shaped like <paramref name="wrt"/> (zeros when f does not depend on it).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> or <paramref name="wrt"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="f"/> is not a scalar, or one variable name is used with two shapes.</exception>
    /// <exception cref="InvalidOperationException">An op's VJP rule returned the wrong number or shape of cotangents.</exception>
    /// <example>
    /// <code>
    /// var x = Variable("x", Dim.Batch, 3);
    /// var y = Variable("y", Dim.Batch, 1);
    /// var w = Variable("w", 3, 1);
    /// Expr dw = Grad(Mean(Square(Tanh(MatMul(x, w)) - y)), w);
    /// Console.WriteLine(dw);   // let t1 = tanh(x · w)
    ///                          // xᵀ · (2 / N * (t1 - y) * (1 - t1^2))
    /// var value = dw.Evaluate(("x", Tensor.Normal&lt;double&gt;(new Shape(8, 3), seed: 1)),
    ///                         ("y", Tensor.Normal&lt;double&gt;(new Shape(8, 1), seed: 2)),
    ///                         ("w", Tensor.Normal&lt;double&gt;(new Shape(3, 1), seed: 3)));
    /// </code>
    /// </example>
    public static Expr Grad(Expr f, Expr wrt) => Grad(f, [Guard.NotNull(wrt, "grad")])[0];
}
