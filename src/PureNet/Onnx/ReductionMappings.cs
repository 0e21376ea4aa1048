using System.Collections.Immutable;

namespace PureNet;

/// <summary>
/// Reductions over axes at opset 17: ReduceSum takes its axes as an input, ReduceMean and ReduceMax as an attribute.
/// The count of elements is a constant unless it counts along the batch axis, where it is read from the run-time batch
/// size; logsumexp is written as its kernel computes it (shifted by the maximum where that is finite).
/// </summary>
internal static class ReductionMappings
{
    public static ImmutableArray<OnnxMapping> All { get; } =
    [
        OnnxMapping.Of<SumOp>("sum", "ReduceSum", (g, n, x) =>
        {
            var op = (SumOp)n.Op;
            return ReduceSum(g, x[0], Axes(n, op.Axes), op.KeepDims);
        }),
        OnnxMapping.Of<MeanOp>("mean", "ReduceMean", (g, n, x) =>
        {
            var op = (MeanOp)n.Op;
            return Reduce(g, "ReduceMean", x[0], Axes(n, op.Axes), op.KeepDims);
        }),
        OnnxMapping.Of<MaxOp>("max", "ReduceMax", (g, n, x) =>
        {
            var op = (MaxOp)n.Op;
            return Reduce(g, "ReduceMax", x[0], Axes(n, op.Axes), op.KeepDims);
        }),
        new(typeof(CountOp), "count", "a constant; along the batch axis Shape, Cast, Mul, Reshape", _ => [], Count),
        OnnxMapping.Of<LogSumExpOp>("logsumexp", "ReduceMax, IsInf, IsNaN, Or, Where, Sub, Exp, ReduceSum, Log, Add, Reshape", LogSumExp),
    ];

    /// <summary>The reduced axes, sorted and non-negative (every axis when the op names none).</summary>
    static long[] Axes(Apply node, Axes axes) => [.. axes.Normalize(node.Inputs[0].Shape, node.Op.Name).Select(a => (long)a)];

    static string ReduceSum(OnnxGraphBuilder g, string x, long[] axes, bool keepDims) =>
        g.Op("ReduceSum", [x, g.Int64s(axes)], new OnnxAttribute.Int("keepdims", keepDims ? 1 : 0));

    /// <summary>A reduction whose axes are an attribute; none (a scalar's) is written as no attribute, which reduces every axis.</summary>
    static string Reduce(OnnxGraphBuilder g, string op, string x, long[] axes, bool keepDims)
    {
        OnnxAttribute keep = new OnnxAttribute.Int("keepdims", keepDims ? 1 : 0);
        return g.Op(op, [x], axes.Length == 0 ? [keep] : [new OnnxAttribute.Ints("axes", [.. axes]), keep]);
    }

    /// <summary>The element count over the axes: the static sizes' product, times the batch size once per batch axis counted.</summary>
    static string Count(OnnxGraphBuilder g, Apply n, ImmutableArray<string> _)
    {
        var x = n.Inputs[0].Shape;
        var axes = ((CountOp)n.Op).Axes.Normalize(x, n.Op.Name);
        var known = axes.Where(a => x[a] != Dim.Batch).Aggregate(1.0, (p, a) => p * x[a]);
        var batchAxes = axes.Count(a => x[a] == Dim.Batch);
        if (batchAxes == 0) return g.Scalar(known);
        var batch = g.Op("Cast", [g.BatchSize()], new OnnxAttribute.Int("to", OnnxType.Float));
        var count = batch;
        for (var i = 1; i < batchAxes; i++) count = g.Op("Mul", count, batch);
        if (known != 1) count = g.Op("Mul", count, g.Scalar(known));
        return g.Op("Reshape", count, g.Int64s());
    }

    static string LogSumExp(OnnxGraphBuilder g, Apply n, ImmutableArray<string> x)
    {
        var op = (LogSumExpOp)n.Op;
        var axes = Axes(n, op.Axes);
        var max = Reduce(g, "ReduceMax", x[0], axes, keepDims: true);
        var notFinite = g.Op("Or", g.Op("IsInf", max), g.Op("IsNaN", max));
        var shift = g.Op("Where", notFinite, g.Scalar(0), max);
        var sum = ReduceSum(g, g.Op("Exp", g.Op("Sub", x[0], shift)), axes, keepDims: true);
        return g.Op("Reshape", g.Op("Add", g.Op("Log", sum), shift), g.ShapeOf(n.Shape));
    }
}
