using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>The gradient of a sum of n one-element slices of one vector is built and evaluated in O(n), not O(n²).</summary>
public class SliceSumTests
{
    const int N = 20_000;

    [Fact]
    public void Gradient_of_a_sum_of_n_slices_has_linear_size_and_work()
    {
        var x = Variable("x", N);
        Expr f = Slice(x, 0, 0, 1);
        for (var i = 1; i < N; i++) f = f + Slice(x, 0, i, 1);
        var g = Grad(f, x);

        var nodes = Graph.TopoSort(g);
        // Work of one evaluation: every node's output size. The O(n²) form has n pads of n elements (4·10⁸).
        var work = nodes.Sum(n => (long)n.Shape.Size);
        Assert.True(nodes.Length <= 4 * N, $"{nodes.Length} nodes in the gradient of {N} slices; linear means at most {4 * N}.");
        Assert.True(work <= 10L * N, $"{work} elements computed for the gradient of {N} slices; linear means at most {10 * N}.");

        var value = Tensor.Normal<double>(new Shape(N), seed: 1);
        Assert.Equal(Tensor.Ones<double>(new Shape(N)), g.Evaluate(("x", value)));
        var weights = Tensor.Normal<double>(new Shape(N), seed: 2);
        // Each slice weighted differently: the gradient puts each weight back at its own position.
        Expr h = Slice(x, 0, 0, 1) * weights[0];
        for (var i = 1; i < 100; i++) h = h + Slice(x, 0, i, 1) * weights[i];
        var gh = Grad(h, x).Evaluate(("x", value));
        for (var i = 0; i < N; i++) Assert.Equal(i < 100 ? weights[i] : 0, gh[i], 12);
    }
}
