using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>
/// Building a gradient and compiling its plan is linear in the graph's size. Counted, never timed: the nodes the
/// gradient adds, and the bytes <see cref="Fn.ValueAndGrad(Expr, Expr[])"/> allocates (every pass over the graph allocates
/// as it goes, so a pass that does O(n) work per node, such as a per-node copy of the variable map, shows as
/// bytes growing like n²). Doubling n must about double the bytes.
/// </summary>
public class FrontEndScalingTests
{
    const int N = 20_000;

    /// <summary>The benchmark's chain: n scalar ops, alternately y·1.0001 and tanh y, on one variable.</summary>
    static (Expr F, Expr[] Wrt) Chain(int n)
    {
        var x = Variable("x", Shape.Scalar);
        Expr y = x;
        for (var i = 0; i < n; i++) y = i % 2 == 0 ? y * 1.0001 : Tanh(y);
        return (y, [x]);
    }

    /// <summary>x₀ + x₁ + … over n distinct variables: every node merges a new name into its input's name → shape map.</summary>
    static (Expr F, Expr[] Wrt) SumOfVariables(int n)
    {
        var xs = Enumerable.Range(0, n).Select(i => Variable($"x{i}", Shape.Scalar)).ToArray();
        Expr f = xs[0];
        for (var i = 1; i < n; i++) f = f + xs[i];
        return (f, xs);
    }

    public static TheoryData<string> Graphs => new() { "chain", "sum of variables" };

    static (Expr F, Expr[] Wrt) Build(string graph, int n) => graph == "chain" ? Chain(n) : SumOfVariables(n);

    static long BytesOfValueAndGrad(string graph, int n)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var (f, wrt) = Build(graph, n);
        GC.KeepAlive(ValueAndGrad(f, wrt));
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Theory]
    [MemberData(nameof(Graphs))]
    public void Building_and_compiling_a_gradient_allocates_linearly_in_n(string graph)
    {
        BytesOfValueAndGrad(graph, 100);                                 // first use: type loads and static caches
        // Today 1.8 KB per op for the chain, 3.1 KB for the sum (7.2 KB for the chain before the front end stopped
        // allocating per edge). Checked at n/2 first, so a quadratic pass fails before the larger graph is built.
        var half = BytesOfValueAndGrad(graph, N / 2);
        Assert.True(half <= 4_000L * N / 2, $"{graph}: {half / (N / 2)} bytes per op for n = {N / 2}; at most 4,000 expected.");
        var full = BytesOfValueAndGrad(graph, N);
        // Linear is 2.0 (measured 2.01 and 2.07); per-node O(n) work, such as copying the variable map, gives 4.0.
        Assert.True(full <= 2.5 * half, $"{graph}: {half} bytes for n = {N / 2}, {full} for n = {N} ({(double)full / half:F2}×); linear is 2×.");
    }

    [Fact]
    public void The_gradient_of_an_n_op_chain_has_a_constant_number_of_nodes_per_op()
    {
        var (f, wrt) = Chain(N);
        var forward = Graph.TopoSort(f).Length;
        var g = Grad(f, wrt[0]);
        var all = Graph.TopoSort(f, g).Length;
        Assert.True(forward <= 2 * N, $"{forward} nodes in the chain of {N} ops.");
        // Each op's VJP adds a fixed few nodes (g·1.0001 reusing the forward constant; g·(1 − y·y) from a tanh's output).
        Assert.True(all - forward <= 3 * N, $"the gradient added {all - forward} nodes to a chain of {N} ops; linear means at most {3 * N}.");
        var step = ValueAndGrad(f, wrt);
        var r = step.Invoke(("x", Tensor.Scalar(0.5)));
        Assert.True(double.IsFinite(r.Value) && double.IsFinite(r.Grads[0].Scalar), "the chain's value and gradient are finite");
    }
}
