using LanguageExt;
using static PureNet.Fn;

namespace PureNet;

/// <summary>
/// Per-example gradients (JAX's <c>vmap(grad)</c>) as expressions: for one loss per example, the gradient of each
/// example's loss in each parameter, a tensor with a leading batch axis. One reverse pass, not one per example: a
/// parameter's gradient is a sum over the batch only where the parameter meets batched data (a broadcast of a bias, a
/// matrix product with a batch of inputs), so the differentiator takes the cotangents at those meetings, where the
/// examples are still apart, and finishes each example's share there (an outer product for a dense layer's weight, a
/// batched product for a convolution's). Everything is evaluated in one plan.
/// </summary>
public static class PerExample
{
    const int MaxJacobianSize = 4096;

    /// <summary>
    /// For losses shaped [Batch] (or [Batch, …], each row summed) and parameters without a batch axis: per parameter,
    /// ∂lossᵢ/∂w for every example i, shaped [Batch, …w.Shape]; their sum over the batch is <c>Grad(Sum(losses), w)</c>.
    /// Examples coupled through the batch (batch normalisation in training) get their share of the batch gradient.
    /// </summary>
    /// <param name="losses">One loss per example: [Batch], or [Batch, …] with each example's row summed (<see cref="Reduction.None"/> on a loss gives it).</param>
    /// <param name="wrt">The parameters, none with a batch axis; at least one.</param>
    /// <returns>Per parameter w, in order, the per-example gradients, simplified, shaped [Batch, …w.Shape].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="losses"/>, <paramref name="wrt"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="wrt"/> is empty.</exception>
    /// <exception cref="ShapeException"><paramref name="losses"/> does not have the batch axis first and only there, or a parameter has a batch axis.</exception>
    /// <exception cref="NotSupportedException">A parameter meets the batch through an op other than a broadcast or a matrix product, or through a function of itself with more than 4096 elements.</exception>
    /// <example>
    /// <code>
    /// var x = Variable("x", Dim.Batch, 4);
    /// var labels = Variable("labels", Dim.Batch);
    /// var layer = new Dense("l1", 4, 3);
    /// var losses = Losses.SoftmaxCrossEntropyWithLabels(layer.Apply(x), labels, Reduction.None);   // [Batch]
    /// Seq&lt;Expr&gt; perExample = PerExample.Grads(losses, [.. layer.Parameters]);                  // [Batch, 4, 3] and [Batch, 3]
    /// </code>
    /// </example>
    public static Seq<Expr> Grads(Expr losses, params Expr[] wrt)
    {
        Guard.NotNull(losses, "PerExample.Grads");
        var parameters = Guard.NoNulls(Guard.NotNull(wrt, "PerExample.Grads"), "PerExample.Grads", nameof(wrt));
        if (parameters.Length == 0) throw new ArgumentException("PerExample.Grads: wrt is empty; name at least one parameter.", nameof(wrt));
        if (losses.Shape.Rank == 0 || losses.Shape[0] != Dim.Batch || losses.Shape.Skip(1).Contains(Dim.Batch))
            throw new ShapeException($"PerExample.Grads: losses {losses.Shape} must have the batch axis first and only there: one loss (or one row of losses) per example.");
        foreach (var w in parameters)
            if (w.Shape.HasBatch)
                throw new ShapeException($"PerExample.Grads: parameter {Print.Infix(w)} {w.Shape} has a batch axis; per-example gradients are taken in parameters the batch shares.");
        var total = Sum(losses);
        var order = Graph.TopoSort(total);
        var meetings = parameters.Select(w => Meetings(order, w)).ToArray();
        var sites = meetings.SelectMany(m => m.Select(x => (Expr)x.Site)).Distinct(NodeIdentity.Instance).ToArray();
        var cotangent = sites.Length == 0 ? new Dictionary<Expr, Expr>(NodeIdentity.Instance)
            : sites.Zip(Reverse.Vjp(total, Ones(Shape.Scalar), sites, simplify: false)).ToDictionary(p => p.Item1, p => p.Item2, NodeIdentity.Instance);
        var grads = parameters.Select((w, i) => meetings[i].Aggregate((Expr)Zeros(Batched(w.Shape)),
            (sum, m) => Add(sum, IntoParameter(Share(m.Site, m.Input, cotangent[m.Site]), m.Site.Inputs[m.Input], w))));
        return Simplifier.Simplify(Prelude.toSeq(grads).Strict());
    }

    /// <summary>
    /// The DP-SGD step's clipped gradient: each example's gradient (over all of <paramref name="wrt"/> at once) scaled
    /// to a norm of at most <paramref name="maxNorm"/>, then averaged over the batch; with each example's norm before
    /// clipping. Add the noise DP-SGD calls for to the means.
    /// </summary>
    /// <param name="losses">One loss per example, as for <see cref="Grads"/>.</param>
    /// <param name="maxNorm">The clipping norm C, finite and &gt; 0.</param>
    /// <param name="wrt">The parameters, none with a batch axis; at least one.</param>
    /// <returns>The clipped means, one per parameter shaped like it, and the norms before clipping, shaped [Batch].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="losses"/>, <paramref name="wrt"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="maxNorm"/> is not finite and &gt; 0, or <paramref name="wrt"/> is empty.</exception>
    /// <exception cref="ShapeException"><paramref name="losses"/> does not have the batch axis first and only there, or a parameter has a batch axis.</exception>
    /// <exception cref="NotSupportedException">A parameter meets the batch through an op per-example gradients do not follow.</exception>
    public static ClippedGradients ClippedMean(Expr losses, double maxNorm, params Expr[] wrt)
    {
        if (!(maxNorm > 0) || double.IsInfinity(maxNorm))
            throw new ArgumentException($"PerExample.ClippedMean: maxNorm {maxNorm} must be finite and > 0.", nameof(maxNorm));
        var grads = Grads(losses, wrt);
        var squares = grads.Map(g => g.Shape.Rank == 1 ? Square(g) : Sum(Square(g), new Axes([.. Enumerable.Range(1, g.Shape.Rank - 1)]))).Reduce(Add);
        var norms = Sqrt(squares);
        var factor = Minimum(Ones(norms.Shape), maxNorm / norms);                       // 1 where already short enough
        var means = grads.Map(g => Mean(g * Reshape(factor, [Dim.Batch, .. Enumerable.Repeat(1, g.Shape.Rank - 1)]), 0));
        return new ClippedGradients([.. Simplifier.Simplify(means)], norms);
    }

    static Shape Batched(Shape s) => s.Insert(0, Dim.Batch);

    /// <summary>Where w's batch-free values enter batched nodes: each such node and the input through which they enter.</summary>
    static List<(Apply Site, int Input)> Meetings(IReadOnlyList<Expr> order, Expr w)
    {
        var reads = new System.Collections.Generic.HashSet<Expr>(NodeIdentity.Instance);   // batch-free nodes that read w
        var meetings = new List<(Apply, int)>();
        foreach (var node in order)
        {
            if (NodeIdentity.Instance.Equals(node, w)) { reads.Add(node); continue; }
            if (node is not Apply a) continue;
            for (var k = 0; k < a.Inputs.Count; k++)
            {
                if (!reads.Contains(a.Inputs[k])) continue;
                if (a.Shape.HasBatch) meetings.Add((a, k));
                else reads.Add(a);
            }
        }
        return meetings;
    }

    /// <summary>Each example's share, [Batch, …input shape], of the cotangent a batch-free input receives at a batched node.</summary>
    static Expr Share(Apply site, int input, Expr c)
    {
        if (site.Shape[0] != Dim.Batch || site.Shape.Skip(1).Contains(Dim.Batch))
            throw Unsupported(site, "its batch axis is not first");
        var p = site.Inputs[input];
        return site.Op switch
        {
            BroadcastToOp => BroadcastShare(p.Shape, c),
            MatMulOp { TransposeA: false, TransposeB: false } when p.Shape.Rank == 2 => input == 1
                ? Middle(MatMul(Transpose(Rows(site.Inputs[0])), Rows(c)))          // Σ over an example's rows of xᵀ·g
                : Middle(MatMul(Rows(c), Transpose(Rows(site.Inputs[1])))),         // g·xᵀ for a parameter on the left
            _ => throw Unsupported(site, "its gradient in a shared input is not one of broadcast_to or matmul"),
        };
    }

    /// <summary>A broadcast's cotangent summed over the axes it stretched, the batch axis kept.</summary>
    static Expr BroadcastShare(Shape p, Expr c)
    {
        var k = c.Shape.Rank - 1;                                                    // the axes after the batch
        int[] aligned = p.Rank > k ? [.. p.Skip(1)] : [.. Enumerable.Repeat(1, k - p.Rank), .. p];   // p's leading 1 stood for the batch
        var stretched = Enumerable.Range(1, k).Where(i => aligned[i - 1] == 1 && c.Shape[i] != 1).ToArray();
        var summed = stretched.Length == 0 ? c : Sum(c, new Axes(stretched), keepDims: true);
        return Reshape(summed, Batched(p));
    }

    /// <summary>A batched operand as [Batch, …, m, k]: a matrix of examples [Batch, k] becomes [Batch, 1, k].</summary>
    static Expr Rows(Expr x) => x.Shape.Rank == 2 ? Reshape(x, x.Shape.Insert(1, 1)) : x;

    /// <summary>[Batch, …, m, n] summed over the axes between the batch and the matrix.</summary>
    static Expr Middle(Expr x) => x.Shape.Rank == 3 ? x : Sum(x, new Axes([.. Enumerable.Range(1, x.Shape.Rank - 3)]));

    /// <summary>An input's per-example cotangent [Batch, …p] carried back to w: directly, through reshapes, or by p's Jacobian in w.</summary>
    static Expr IntoParameter(Expr share, Expr p, Expr w)
    {
        var q = p;
        while (!NodeIdentity.Instance.Equals(q, w) && q is Apply { Op: ReshapeOp, Inputs: [var inner] }) q = inner;
        if (NodeIdentity.Instance.Equals(q, w)) return Reshape(share, Batched(w.Shape));
        if (p.Shape.Size > MaxJacobianSize)
            throw new NotSupportedException($"PerExample.Grads: {Print.Infix(w)} reaches the batch through {p.Shape}-shaped {Print.Infix(p)}, a function of it with more than {MaxJacobianSize} elements; per-example gradients need a parameter used directly, reshaped, or through a small function.");
        var jacobian = Reshape(JacRev(p, w), p.Shape.Size, w.Shape.Size);
        return Reshape(MatMul(Reshape(share, Dim.Batch, p.Shape.Size), jacobian), Batched(w.Shape));
    }

    static NotSupportedException Unsupported(Apply site, string why) =>
        new($"PerExample.Grads: a parameter meets the batch at {site.Op.Name} {site.Shape}, and {why}; per-example gradients follow parameters through broadcasts and matrix products.");
}

/// <summary>Clipped, averaged per-example gradients (one per parameter) and each example's gradient norm before clipping.</summary>
/// <param name="Gradients">Per parameter, in order, the mean over the batch of each example's gradient scaled to a norm of at most C.</param>
/// <param name="Norms">Each example's gradient norm over all parameters together, before clipping: [Batch].</param>
public sealed record ClippedGradients(System.Collections.Immutable.ImmutableArray<Expr> Gradients, Expr Norms);
