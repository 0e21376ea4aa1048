using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>
/// A per-channel [1, C, 1, 1] or single-value operand of an elementwise op is read in place (Elementwise.Blocks; plans
/// skip its broadcast_to): the results equal those of the stretched copy, in both operand orders, eager and compiled.
/// </summary>
public class BlockwiseBroadcastTests
{
    static readonly Tensor<double> Full = Tensor.Normal<double>(new Shape(3, 4, 5, 6), seed: 1);

    public static TheoryData<int[]> Smalls() => [[1, 4, 1, 1], [4, 1, 1], [], [1], [1, 1, 5, 1], [3, 4, 1, 1], [1, 4, 5, 1]];

    [Theory, MemberData(nameof(Smalls))]
    public void Eager_math_reads_a_blockwise_operand_in_place(int[] dims)
    {
        var small = Tensor.Normal<double>(new Shape(dims), seed: 2) + 3.0;
        var stretched = Tensor.BroadcastTo(small, Full.Shape);
        foreach (var (got, want) in new[]
        {
            (Full - small, Full - stretched), (small - Full, stretched - Full), (Full / small, Full / stretched),
            (small / Full, stretched / Full), (Tensor.Maximum(small, Full), Tensor.Maximum(stretched, Full)),
        })
            Assert.Equal(want.ToArray(), got.ToArray());
    }

    [Fact]
    public void A_compiled_normalisation_reads_its_per_channel_statistics_in_place()
    {
        var x = Variable("x", Dim.Batch, 4, 5, 6);
        var centred = x - Mean(x, new Axes(0, 2, 3), keepDims: true);
        var f = Sum(centred / Sqrt(Mean(Square(centred), new Axes(0, 2, 3), keepDims: true) + 1e-5) * Count(x));
        var g = Grad(f, x);
        // A broadcast that is also an output is always stretched: the second plan reads every statistic as a full copy.
        var broadcasts = Graph.TopoSort(f, g).OfType<Apply>().Where(a => a.Op is BroadcastToOp).Cast<Expr>().ToArray();
        Assert.NotEmpty(broadcasts);
        var (plain, fused) = (Plan.Compile([f, g, .. broadcasts]), Plan.Compile([f, g]));
        foreach (var batch in new[] { 1, 3 })
        {
            var at = Bind(("x", Tensor.Normal<double>(new Shape(batch, 4, 5, 6), seed: batch)));
            var (a, b) = (plain.Run(at), fused.Run(at));
            for (var k = 0; k < 2; k++)
                Assert.True(a[k].ToArray().Zip(b[k].ToArray()).All(p => Math.Abs(p.Item1 - p.Item2) <= 1e-9 * (1 + Math.Abs(p.Item1))));
        }
    }
}
