using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>
/// Each of the engine's fusions on one expression it fires on and the kernel it leaves, and the training steps of the
/// MLP and the CNN: written as mathematics, compiled into the fused kernels, with no transpose materialised.
/// </summary>
public class EngineRuleTests
{
    static readonly Variable X = Variable("x", 4, 3), W = Variable("w", 5, 3), B = Variable("b", 5), G = Variable("g", 4, 5);

    static Expr Fused(IRewriteRule rule, Expr e) => Simplifier.Simplify(e, [rule]);

    static IEnumerable<Apply> PlanOps(params Expr[] roots) => Plan.Compile(roots).Nodes.OfType<Apply>();

    [Fact]
    public void A_transposed_operand_flips_the_products_flag() =>
        Assert.True(Fused(new TransposedOperands(), MatMul(X, Transpose(W))) is Apply { Op: MatMulOp { TransposeA: false, TransposeB: true }, Inputs: [Variable { Name: "x" }, Variable { Name: "w" }] });

    [Fact]
    public void A_broadcast_operand_is_read_once_for_every_batch_entry()
    {
        var e = Fused(new BroadcastOperands(), MatMul(BroadcastTo(W, new Shape(2, 5, 3)), Variable("v", 2, 3, 4)));
        Assert.True(e is Apply { Op: MatMulOp, Inputs: [Variable { Name: "w" }, Variable { Name: "v" }] }, e.ToString());
    }

    [Fact]
    public void A_product_summed_over_its_batch_is_one_gemm()
    {
        var e = Fused(new MatMulSummedDown(), SumTo(MatMul(Variable("p", 6, 5, 4), Variable("q", 6, 4, 3)), new Shape(5, 3)));
        // The sum keeping its axes fuses; the reshape that drops the kept axis after it is free.
        Assert.Contains(Graph.TopoSort(e), n => n is Apply { Op: MatMulSumOp });
        Assert.DoesNotContain(Graph.TopoSort(e), n => n is Apply { Op: MatMulOp or SumOp });
        Assert.Equal(new Shape(5, 3), e.Shape);
    }

    [Fact]
    public void Relu_of_a_bias_add_is_bias_relu() =>
        Assert.True(Fused(new BiasActivationFusion(), Activations.Relu(MatMul(X, Transpose(W)) + B)) is Apply { Op: BiasActivationOp { Kind: ActivationKind.Relu }, Inputs: [_, Variable { Name: "b" }] });

    [Fact]
    public void Textbook_tanh_and_sigmoid_derivatives_run_in_one_pass()
    {
        var (t, s) = (Tanh(X), Sigmoid(X));
        Assert.True(Fused(new ActivationGradFusion(), Variable("h", 4, 3) * (1.0 - t * t)) is Apply { Op: ActivationGradOp { Kind: ActivationKind.Tanh } });
        Assert.True(Fused(new ActivationGradFusion(), (1.0 - Pow(t, 2)) * Variable("h", 4, 3)) is Apply { Op: ActivationGradOp { Kind: ActivationKind.Tanh } });
        Assert.True(Fused(new ActivationGradFusion(), Variable("h", 4, 3) * ((1.0 - s) * s)) is Apply { Op: ActivationGradOp { Kind: ActivationKind.Sigmoid } });
        var g = Grad(Sum(Tanh(Sigmoid(X)) * Variable("v", 4, 3)), X);
        Assert.Equal(2, PlanOps(g).Count(n => n.Op is ActivationGradOp));                                  // both derivatives, as run
    }

    [Fact]
    public void A_relu_mask_joins_the_pooling_gradient()
    {
        var y = Activations.Relu(Variable("x", 1, 2, 4, 4));
        var g = Grad(Sum(Pooling.MaxPool2D(y, 2) * Variable("v", 1, 2, 2, 2)), Graph.Variables(y).First());
        Assert.Contains(Graph.TopoSort(g).OfType<Apply>(), n => n.Op is ActivationGradOp);                // as written: two passes
        Assert.Contains(PlanOps(g), n => n.Op is MaxPoolGradOp { Relu: true });                             // as run: one
        Assert.DoesNotContain(PlanOps(g), n => n.Op is ActivationGradOp);
    }

    [Fact]
    public void Unfused_options_run_every_node_as_written()
    {
        var f = Sum(Activations.Relu(MatMul(X, Transpose(W)) + B));
        Assert.Contains(Plan.Compile([f], PlanOptions.Default.Unfused).Nodes, n => n is Apply { Op: TransposeOp });
        Assert.DoesNotContain(Plan.Compile([f]).Nodes, n => n is Apply { Op: TransposeOp });
    }

    /// <summary>The kernels a training step runs: the loss and its gradient in every parameter.</summary>
    static Apply[] StepOps(Expr logits, IEnumerable<Variable> parameters)
    {
        var loss = Losses.SoftmaxCrossEntropyWithLabels(logits, Variable("t", Dim.Batch));
        return [.. PlanOps([loss, .. Grad(loss, [.. parameters])])];
    }

    [Fact]
    public void The_mlp_step_runs_bias_relu_and_flagged_products_with_no_transpose()
    {
        Dense[] layers = [new("l1", 784, 32), new("l2", 32, 16), new("l3", 16, 10)];
        var h = Activations.Relu(layers[1].Apply(Activations.Relu(layers[0].Apply(Variable("x", Dim.Batch, 784)))));
        var ops = StepOps(layers[2].Apply(h), layers.SelectMany(l => l.Parameters));
        Assert.Contains(ops, n => n.Op is BiasActivationOp { Kind: ActivationKind.Relu });
        Assert.Contains(ops, n => n.Op is MatMulOp { TransposeA: true });
        Assert.Contains(ops, n => n.Op is MatMulOp { TransposeB: true });
        Assert.DoesNotContain(ops, n => n.Op is TransposeOp || n.Op is ReluOp);
    }

    [Fact]
    public void The_cnn_step_runs_summed_products_and_the_pooling_mask_with_no_transpose_of_a_weight()
    {
        var conv = new Conv2D("c", 1, 4, Kernel: 3, Padding: 1);
        var dense = new Dense("d", 4 * 14 * 14, 10);
        var pooled = Pooling.MaxPool2D(Activations.Relu(conv.Apply(Variable("x", Dim.Batch, 1, 28, 28))), 2);
        var ops = StepOps(dense.Apply(Reshape(pooled, new Shape(Dim.Batch, 4 * 14 * 14))), conv.Parameters.Concat(dense.Parameters));
        Assert.Contains(ops, n => n.Op is MatMulSumOp);
        Assert.Contains(ops, n => n.Op is MaxPoolGradOp { Relu: true });
        Assert.Contains(ops, n => n.Op is BiasActivationOp { Kind: ActivationKind.Relu });
        Assert.DoesNotContain(ops, n => n.Op is TransposeOp { SwapsLastTwo: true } && Graph.Variables(n).Any(v => v.Name is "c.W" or "d.W"));
    }
}
