using LanguageExt;
using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>
/// Extreme but valid input gives a finite, documented result (README, "Bad input and edge cases"), and a NaN that comes
/// in goes out: nothing is silently swallowed into a finite number.
/// </summary>
public class BadInputExtremes
{
    static readonly Variable P = Variable("p", Dim.Batch, 2), T = Variable("t", Dim.Batch, 2);
    static double Loss(Expr loss, Tensor<double> p, Tensor<double> t) => loss.Evaluate(("p", p), ("t", t)).Scalar;

    [Theory]
    [InlineData(1e4)]
    [InlineData(-1e4)]
    public void Logits_of_plus_minus_1e4_give_finite_losses_and_gradients(double big)
    {
        var logits = Tensor.FromRows([big, -big]);
        var wrong = Tensor.FromRows([0.0, 1.0]);
        var loss = Losses.SoftmaxCrossEntropy(P, T);
        var expected = big > 0 ? 2e4 : 0;                               // −log_softmax of the target class
        Assert.Equal(expected, Loss(loss, logits, wrong), 9);
        Assert.All(Grad(loss, P).Evaluate(("p", logits), ("t", wrong)).ToArray(), v => Assert.True(double.IsFinite(v)));
        var inFloat = loss.Evaluate(("p", Tensor.Cast<double, float>(logits)), ("t", Tensor.Cast<double, float>(wrong))).Scalar;
        Assert.Equal((float)expected, inFloat);
        Assert.Equal(Math.Max(big, 0) * 2 / 2, Loss(Losses.BinaryCrossEntropyWithLogits(P, T), Tensor.FromRows([big, big]), Tensor.FromRows([0.0, 0.0])), 9);
        Assert.All(Activations.Softplus(P).Evaluate(("p", logits)).ToArray(), v => Assert.True(double.IsFinite(v)));
        Assert.All(Sigmoid(P).Evaluate(("p", logits)).ToArray(), v => Assert.InRange(v, 0, 1));
    }

    [Fact]
    public void A_NaN_prediction_gives_a_NaN_loss_in_every_loss()
    {
        var p = Tensor.FromRows([double.NaN, 0.5]);
        var t = Tensor.FromRows([0.0, 1.0]);
        var losses = new (string, Expr)[]
        {
            ("Mse", Losses.Mse(P, T)), ("L1", Losses.L1(P, T)), ("Huber", Losses.Huber(P, T)), ("Tukey", Losses.Tukey(P, T)),
            ("SoftmaxCrossEntropy", Losses.SoftmaxCrossEntropy(P, T)), ("BinaryCrossEntropy", Losses.BinaryCrossEntropy(P, T)),
            ("BinaryCrossEntropyWithLogits", Losses.BinaryCrossEntropyWithLogits(P, T)), ("MulticlassHinge", Losses.MulticlassHinge(P, T)),
        };
        foreach (var (name, loss) in losses)
            Assert.True(double.IsNaN(Loss(loss, p, t)), $"{name} of a NaN prediction is {Loss(loss, p, t)}, not NaN");
        var labels = Variable("y", Dim.Batch);
        Assert.True(double.IsNaN(Losses.SoftmaxCrossEntropyWithLabels(P, labels).Evaluate(("p", p), ("y", Tensor.FromArray(1.0))).Scalar));
    }

    [Fact]
    public void Activations_keep_NaN_and_handle_infinities()
    {
        var x = Variable("x", 3);
        var v = Tensor.FromArray(double.NaN, double.NegativeInfinity, double.PositiveInfinity);
        Assert.Equal(Tensor.FromArray(double.NaN, 0, double.PositiveInfinity), Activations.Relu(x).Evaluate(("x", v)));
        Assert.Equal(Tensor.FromArray(double.NaN, 0, 1), Activations.Step(x).Evaluate(("x", v)));
        Assert.Equal(Tensor.FromArray(double.NaN, double.NegativeInfinity, double.PositiveInfinity), Activations.LeakyRelu(x).Evaluate(("x", v)));
        Assert.Equal(Tensor.FromArray(double.NaN, -1, double.PositiveInfinity), Activations.Elu(x).Evaluate(("x", v)));
        Assert.Equal(Tensor.FromArray(double.NaN, 0, 1), Sigmoid(x).Evaluate(("x", v)));
    }

    [Fact]
    public void Softmax_of_a_row_with_plus_infinity_is_NaN_by_IEEE_rules()
    {
        // ∞ − max = ∞ − ∞ = NaN, as in PyTorch; finite rows are unaffected.
        var y = Activations.Softmax(Variable("x", 2, 2)).Evaluate(("x", Tensor.FromRows([double.PositiveInfinity, 0.0], [1.0, 1.0])));
        Assert.True(double.IsNaN(y[0, 0]));
        Assert.Equal(0.5, y[1, 0]);
    }

    [Fact]
    public void Zero_size_axes_give_empty_or_identity_results()
    {
        var empty = Tensor.Zeros<double>(new Shape(0, 3));
        Assert.Equal(Tensor.Zeros<double>(new Shape(3)), Tensor.Sum(empty, 0));          // Σ of nothing is 0
        Assert.All(Tensor.Mean(empty, 0).ToArray(), v => Assert.True(double.IsNaN(v)));  // 0/0, as numpy
        Assert.All(Tensor.Max(empty, 0).ToArray(), v => Assert.Equal(double.NegativeInfinity, v)); // max of nothing: −∞
        Assert.Equal(Tensor.Zeros<double>(new Shape(2, 4)), Tensor.MatMul(Tensor.Zeros<double>(new Shape(2, 0)), Tensor.Zeros<double>(new Shape(0, 4))));
        Assert.Equal(new Shape(0, 4), new Dense("d", 3, 4).Apply(Variable("x", Dim.Batch, 3)).Evaluate(
            ("x", empty), ("d.W", Tensor.Ones<double>(new Shape(3, 4))), ("d.b", Tensor.Ones<double>(new Shape(4)))).Shape);
        Assert.Equal(Tensor.FromArray(1.0, 2), Tensor.Concat(0, Tensor.FromArray(1.0, 2), Tensor.Zeros<double>(new Shape(0))));
        Assert.Equal(new Shape(0), Tensor.Arange<double>(3, 3).Shape);
        Assert.Equal(new Shape(0, 3), Init.HeNormal(new Shape(0, 3), Rng.FromSeed(1)).Value.Shape);
        Assert.Equal(new Shape(2, 0, 7), new RnnCell("r", 5, 7).Unroll(Variable("xs", 2, 0, 5), Zeros(new Shape(2, 7))).Shape);
        Assert.True(double.IsNaN(Losses.Mse(P, T).Evaluate(("p", Tensor.Zeros<double>(new Shape(0, 2))), ("t", Tensor.Zeros<double>(new Shape(0, 2)))).Scalar));
    }

    [Fact]
    public void An_empty_batch_flows_through_layers_and_their_gradients()
    {
        var img = Variable("img", Dim.Batch, 1, 4, 4);
        var none = Tensor.Zeros<double>(new Shape(0, 1, 4, 4));
        var conv = new Conv2D("c", 1, 2, 3, Padding: 1);
        var p = conv.Init(Rng.FromSeed(1)).Params.Add("img", none);
        Assert.Equal(new Shape(0, 2, 4, 4), conv.Apply(img).Evaluate(p).Shape);
        Assert.Equal(Tensor.Zeros<double>(conv.W.Shape), Grad(Sum(conv.Apply(img)), conv.W).Evaluate(p));   // Σ over no examples
        Assert.Equal(new Shape(0, 1, 4, 4), Grad(Sum(Pooling.MaxPool2D(img, 2)), img).Evaluate(("img", none)).Shape);
        var g = Tensor.Ones<double>(new Shape(1));
        Assert.Equal(new Shape(0, 1, 4, 4), Normalization.GroupNorm(img, 1, Variable("g", 1), Variable("b", 1)).Evaluate(("img", none), ("g", g), ("b", g)).Shape);
        var x = Variable("x", Dim.Batch, 3);
        Assert.Equal(0.0, Losses.SoftmaxCrossEntropyWithLabels(x, Variable("y", Dim.Batch), Reduction.Sum)
            .Evaluate(("x", Tensor.Zeros<double>(new Shape(0, 3))), ("y", Tensor.Zeros<double>(new Shape(0)))).Scalar);
    }

    [Fact]
    public void BatchNorm_on_an_empty_batch_keeps_its_running_statistics()
    {
        var bn = new BatchNorm("bn", 2);
        var (y, state) = bn.Apply(Variable("x", Dim.Batch, 2), training: true);
        var p = bn.Init().SetItem("bn.running_mean", Tensor.FromArray(0.5, -1)).SetItem("bn.running_var", Tensor.FromArray(2.0, 3));
        var bindings = p.Add("x", Tensor.Zeros<double>(new Shape(0, 2)));
        Assert.Equal(new Shape(0, 2), y.Evaluate(bindings).Shape);
        Assert.Equal(Tensor.FromArray(0.5, -1), state["bn.running_mean"].Evaluate(bindings));
        Assert.Equal(Tensor.FromArray(2.0, 3), state["bn.running_var"].Evaluate(bindings));
        // A real batch still moves them: mean (1, 2) with momentum 0.1.
        var real = p.Add("x", Tensor.FromRows([0.0, 1.0], [2.0, 3.0]));
        Close.Equal(Tensor.FromArray(0.9 * 0.5 + 0.1 * 1, 0.9 * -1 + 0.1 * 2), state["bn.running_mean"].Evaluate(real));
    }

    [Fact]
    public void Tukey_with_a_large_K_is_quadratic_near_zero_not_zero()
    {
        // K(1 − (1 − u)³) cancels to 0 once u = d²/6K is below rounding; K·u·(3 − 3u + u²) keeps ≈ d²/2.
        var loss = Losses.Tukey(P, T, k: 1e20);
        Assert.Equal(0.5 * (1 + 4) / 2, Loss(loss, Tensor.FromRows([1.0, 2.0]), Tensor.FromRows([0.0, 0.0])), 12);
    }

    [Fact]
    public void A_batch_of_one_is_finite()
    {
        var bn = new BatchNorm("bn", 3);
        var x = Variable("x", Dim.Batch, 3);
        var one = bn.Init().Add("x", Tensor.FromRows([1.0, -2.0, 5.0]));
        Assert.Equal(Tensor.Zeros<double>(new Shape(1, 3)), bn.Apply(x, training: true).Output.Evaluate(one));   // x̂ = 0, so β
        var ln = Normalization.LayerNorm(x, Variable("g", 3), Variable("b", 3)).Evaluate(one.Add("g", Tensor.Ones<double>(new Shape(3))).Add("b", Tensor.Zeros<double>(new Shape(3))));
        Assert.All(ln.ToArray(), v => Assert.True(double.IsFinite(v)));
        Assert.Equal(0.0, Losses.SoftmaxCrossEntropy(Variable("z", 1, 1), Variable("t", 1, 1)).Evaluate(("z", Tensor.FromRows([123.0])), ("t", Tensor.FromRows([1.0]))).Scalar);
    }

    [Fact]
    public void Norm_clipping_does_not_overflow_in_float()
    {
        // Σ g² = 2·(3e19)² = 1.8e39 overflows float; scaling before squaring keeps the norm 4.24e19.
        var grads = HashMap<string, Tensor<float>>.Empty.Add("w", Tensor.FromArray(3e19f, -3e19f));
        var clipped = Regularizers.ClipByGlobalNorm(grads, 1.0)["w"];
        Assert.Equal(MathF.Sqrt(0.5f), clipped[0], 5);
        Assert.Equal(-MathF.Sqrt(0.5f), clipped[1], 5);
        var projected = Regularizers.MaxNorm(Tensor.FromArray(3e19f, 4e19f), 5);
        Assert.Equal(3f, projected[0], 4);
        Assert.Equal(4f, projected[1], 4);
        var tiny = Regularizers.MaxNorm(Tensor.FromArray(3e-30, 4e-30), 1e-30);   // no underflow to 0 either
        Assert.Equal(0.6, tiny[0] * 1e30, 12);
    }

    [Fact]
    public void A_graph_100000_deep_evaluates_and_differentiates_in_float()
    {
        var x = Variable("x", 2);
        Expr e = x;
        for (var i = 0; i < 100_000; i++) e = i % 2 == 0 ? Tanh(e) : e * 1.2;
        var f = Sum(e);
        var at = ("x", Tensor.FromArray(1f, -1f));
        var r = ValueAndGrad(f, x).Invoke(at);
        Assert.Equal(0f, r.Value, 5);                       // tanh is odd: the two chains cancel
        Assert.All(r.Grads[0].ToArray(), v => Assert.True(float.IsFinite(v)));
    }
}
