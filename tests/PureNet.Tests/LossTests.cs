using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

public class LossTests
{
    static readonly Variable P = Variable("p", Dim.Batch, 3), T = Variable("t", Dim.Batch, 3);
    static double Eval(Expr loss, Tensor<double> p, Tensor<double> t) => loss.Evaluate(("p", p), ("t", t)).Scalar;

    static readonly Tensor<double> Pred = Tensor.FromRows([1.0, -2.0, 0.5], [0.0, 3.0, -1.0]);
    static readonly Tensor<double> Targ = Tensor.FromRows([0.0, -1.0, 0.5], [2.0, 0.0, 1.0]);

    [Fact]
    public void Regression_losses_hand_computed()
    {
        // differences: 1, -1, 0, -2, 3, -2
        Assert.Equal((1 + 1 + 0 + 4 + 9 + 4) / 6.0, Eval(Losses.Mse(P, T), Pred, Targ), 12);
        Assert.Equal(19.0, Eval(Losses.Mse(P, T, Reduction.Sum), Pred, Targ), 12);
        Assert.Equal(9 / 6.0, Eval(Losses.L1(P, T), Pred, Targ), 12);
        // Huber δ = 1: 0.5, 0.5, 0, 1.5, 2.5, 1.5
        Assert.Equal(6.5 / 6, Eval(Losses.Huber(P, T), Pred, Targ), 12);
        // Tukey K = 1, c = √6: |d| = 1 → 1 − (1 − 1/6)³; |d| = 3 > c → 1; |d| = 2 → 1 − (1 − 4/6)³
        double In(double d) => 1 - Math.Pow(1 - d * d / 6, 3);
        Assert.Equal((In(1) * 2 + 0 + In(2) * 2 + 1) / 6, Eval(Losses.Tukey(P, T), Pred, Targ), 12);
    }

    [Fact]
    public void Softmax_cross_entropy_gradient_is_softmax_minus_target()
    {
        var logits = Tensor.FromRows([1.0, 2.0, 3.0], [-1.0, 0.5, 0.0]);
        var onehot = Tensor.FromRows([0.0, 0.0, 1.0], [1.0, 0.0, 0.0]);
        var loss = Losses.SoftmaxCrossEntropy(P, T, Reduction.Sum);
        var g = Grad(loss, P).Evaluate(("p", logits), ("t", onehot));
        var expected = Activations.Softmax(P).Evaluate(("p", logits)) - onehot;
        Assert.All(g.ToArray().Zip(expected.ToArray()), p => Assert.Equal(p.Item2, p.Item1, 12));
        var e = new[] { Math.Exp(1), Math.Exp(2), Math.Exp(3) };
        var e2 = new[] { Math.Exp(-1), Math.Exp(0.5), 1 };
        Assert.Equal((-Math.Log(e[2] / e.Sum()) - Math.Log(e2[0] / e2.Sum())) / 2, Eval(Losses.SoftmaxCrossEntropy(P, T), logits, onehot), 12);
    }

    [Fact]
    public void Integer_labels_equal_one_hot_and_are_range_checked()
    {
        var labels = Variable("y", Dim.Batch);
        var logits = Tensor.FromRows([1.0, 2.0, 3.0], [-1.0, 0.5, 0.0]);
        var byLabel = Losses.SoftmaxCrossEntropyWithLabels(P, labels).Evaluate(("p", logits), ("y", Tensor.FromArray(2.0, 0.0))).Scalar;
        Assert.Equal(Eval(Losses.SoftmaxCrossEntropy(P, T), logits, Tensor.FromRows([0.0, 0.0, 1.0], [1.0, 0.0, 0.0])), byLabel, 12);
        var ex = Assert.Throws<ArgumentException>(() => Losses.SoftmaxCrossEntropyWithLabels(P, labels).Evaluate(("p", logits), ("y", Tensor.FromArray(3.0, 0.0))));
        Assert.Equal("labels", ex.ParamName);
        Assert.Contains("[0, 3)", ex.Message);
    }

    [Fact]
    public void Cross_entropy_is_finite_at_extreme_logits()
    {
        var logits = Tensor.FromRows([1000.0, -1000.0, 0.0], [double.NegativeInfinity, 5.0, double.NegativeInfinity]);
        var onehot = Tensor.FromRows([0.0, 1.0, 0.0], [0.0, 1.0, 0.0]);
        var loss = Losses.SoftmaxCrossEntropy(P, T);
        Assert.True(double.IsFinite(Eval(loss, logits, onehot)));
        Assert.All(Grad(loss, P).Evaluate(("p", logits), ("t", onehot)).ToArray(), v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Binary_cross_entropy_from_probabilities_and_logits()
    {
        var p = Tensor.FromRows([0.9, 0.2, 0.5]);
        var t = Tensor.FromRows([1.0, 0.0, 1.0]);
        var expected = -(Math.Log(0.9) + Math.Log(0.8) + Math.Log(0.5)) / 3;
        Assert.Equal(expected, Eval(Losses.BinaryCrossEntropy(P, T), p, t), 12);
        var logits = Tensor.FromRows([Math.Log(9), Math.Log(0.25), 0.0]);
        Assert.Equal(expected, Eval(Losses.BinaryCrossEntropyWithLogits(P, T), logits, t), 12);
        var extreme = Tensor.FromRows([100.0, -100.0, 100.0]);
        var wrong = Tensor.FromRows([0.0, 1.0, 1.0]);
        Assert.Equal(200.0 / 3, Eval(Losses.BinaryCrossEntropyWithLogits(P, T), extreme, wrong), 9);
        Assert.All(Grad(Losses.BinaryCrossEntropyWithLogits(P, T), P).Evaluate(("p", extreme), ("t", wrong)).ToArray(), v => Assert.True(double.IsFinite(v)));
        Assert.True(double.IsFinite(Eval(Losses.BinaryCrossEntropy(P, T), Tensor.FromRows([1.0, 0.0, 1.0]), wrong)));
    }

    [Fact]
    public void Multiclass_hinge_hand_computed()
    {
        // CS231n example: scores (3.2, 5.1, −1.7), correct class 0: max(0, 5.1 − 3.2 + 1) + max(0, −1.7 − 3.2 + 1) = 2.9
        var scores = Tensor.FromRows([3.2, 5.1, -1.7]);
        var onehot = Tensor.FromRows([1.0, 0.0, 0.0]);
        Assert.Equal(2.9, Eval(Losses.MulticlassHinge(P, T), scores, onehot), 12);
        Assert.Equal(2.9 * 2.9, Eval(Losses.MulticlassHinge(P, T, squared: true), scores, onehot), 12);
        var g = Grad(Losses.MulticlassHinge(P, T), P).Evaluate(("p", scores), ("t", onehot));
        Assert.Equal(Tensor.FromRows([-1.0, 1.0, 0.0]), g);
    }

    [Fact]
    public void Bad_hyperparameters_name_the_parameter()
    {
        Assert.Equal("delta", Assert.Throws<ArgumentException>(() => Losses.Huber(P, T, -1)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentException>(() => Losses.Tukey(P, T, 0)).ParamName);
        Assert.Equal("margin", Assert.Throws<ArgumentException>(() => Losses.MulticlassHinge(P, T, -1)).ParamName);
        Assert.Equal("classes", Assert.Throws<ArgumentException>(() => Losses.OneHot(Variable("y", 3), 0)).ParamName);
    }
}
