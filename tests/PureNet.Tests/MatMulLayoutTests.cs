using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>
/// A derivative is written as mathematics (g · bᵀ, with its transpose); the compiled plan reads transposed and broadcast
/// operands in place: the engine's rules flip the GEMM's flags, so the plans of matmul gradients and of Conv2D hold no
/// copies.
/// </summary>
public class MatMulLayoutTests
{
    /// <summary>What the compiled plan of the roots runs.</summary>
    static IEnumerable<Apply> Ops(params Expr[] roots) => Plan.Compile(roots).Nodes.OfType<Apply>();

    [Fact]
    public void Matmul_gradients_are_products_with_transpose_flags_not_transposes()
    {
        var (a, b) = (Variable("a", 5, 3), Variable("b", 3, 4));
        var grads = Grad(Sum(Tanh(MatMul(a, b))), a, b);
        Assert.Contains(Graph.TopoSort(grads[0]).OfType<Apply>(), n => n.Op is TransposeOp);   // the derivative reads g · bᵀ
        Assert.DoesNotContain(Ops([.. grads]), n => n.Op is TransposeOp);
        Assert.Contains(Ops(grads[0]), n => n.Op is MatMulOp { TransposeB: true });
        Assert.Contains(Ops(grads[1]), n => n.Op is MatMulOp { TransposeA: true });
    }

    [Fact]
    public void Conv2D_never_broadcasts_its_weight_over_the_batch()
    {
        var conv = new Conv2D("c", 2, 3, Kernel: 3, Padding: 1);
        var x = Variable("x", Dim.Batch, 2, 6, 6);
        var y = Sum(conv.Apply(x));
        // A variable is its name: look for any broadcast whose input reads the weight.
        var broadcastsOfW = Ops(y).Where(n => n.Op is BroadcastToOp && Graph.TopoSort(n).OfType<Variable>().Any(v => v.Name == "c.W"));
        Assert.Empty(broadcastsOfW);
        Assert.Contains(Ops(y), n => n.Op is MatMulOp && n.Inputs[0].Shape.Rank == 2 && n.Inputs[1].Shape.Rank == 3);
        var dw = Grad(y, conv.W);
        Assert.DoesNotContain(Ops(dw), n => n.Op is TransposeOp || (n.Op is BroadcastToOp && n.Shape.Rank > 2 && n.Inputs[0].Shape.Rank == 2));
        var value = Tensor.Normal<double>(new Shape(4, 2, 6, 6), seed: 1);
        var (p, _) = conv.Init(Rng.FromSeed(2));
        GradCheck.Assert(y, p.Add("x", value));
    }

    [Fact]
    public void A_transposed_or_broadcast_operand_is_read_through_not_copied_and_keeps_its_gradient()
    {
        var (w, x) = (Variable("w", 4, 3), Variable("x", 2, 5, 3));
        // x·wᵀ as users write it, and a weight broadcast over the batch by hand.
        var y = Sum(Tanh(MatMul(x, Transpose(w))));
        var z = Sum(Tanh(MatMul(BroadcastTo(w, new Shape(2, 4, 3)), Transpose(x))));
        foreach (var f in new[] { y, z })
        {
            Assert.DoesNotContain(Ops(f), n => n.Op is TransposeOp || n.Op is BroadcastToOp);
            var bindings = Bind(("w", Tensor.Normal<double>(new Shape(4, 3), seed: 3)), ("x", Tensor.Normal<double>(new Shape(2, 5, 3), seed: 4)));
            GradCheck.Assert(f, bindings);
        }
        Assert.Contains(Ops(y), n => n.Op is MatMulOp { TransposeA: false, TransposeB: true } && n.Inputs[1] is Variable { Name: "w" });
        // A broadcast that the product's own broadcasting cannot replace (it sets the output's batch axes) stays.
        var widened = MatMul(BroadcastTo(w, new Shape(6, 4, 3)), Variable("v", 3, 2));
        Assert.Equal(new Shape(6, 4, 2), widened.Shape);
        Assert.Contains(Ops(widened), n => n.Op is BroadcastToOp);
    }
}
