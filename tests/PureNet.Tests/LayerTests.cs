using PureNet;
using static LanguageExt.Prelude;
using static PureNet.Fn;

namespace PureNet.Tests;

public class LayerTests
{
    [Fact]
    public void Conv2D_output_size_and_hand_computed_value()
    {
        var conv = new Conv2D("c", 1, 1, Kernel: 2, Stride: 1, Padding: 0);
        var x = Variable("x", Dim.Batch, 1, 3, 3);
        var y = conv.Apply(x);
        Assert.Equal(new Shape(Dim.Batch, 1, 2, 2), y.Shape);
        var image = Tensor.Reshape(Tensor.Arange<double>(1, 10), new Shape(1, 1, 3, 3));   // 1..9
        var w = Tensor.FromArray<double>(new Shape(1, 1, 2, 2), [1, 0, 0, -1]);             // x[i,j] − x[i+1,j+1]
        var r = y.Evaluate(("x", image), ("c.W", w), ("c.b", Tensor.FromArray(0.5)));
        Assert.Equal(Tensor.FromArray<double>(new Shape(1, 1, 2, 2), [-3.5, -3.5, -3.5, -3.5]), r);
        // (H + 2P − FH)/S + 1 = (28 + 2 − 5)/2 + 1 = 13
        Assert.Equal(new Shape(Dim.Batch, 4, 13, 13), new Conv2D("d", 3, 4, Kernel: 5, Stride: 2, Padding: 1).Apply(Variable("z", Dim.Batch, 3, 28, 28)).Shape);
    }

    [Fact]
    public void Conv2D_rejects_a_kernel_larger_than_the_padded_input()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Conv2D("c", 1, 1, Kernel: 5, Padding: 1).Apply(Variable("x", 1, 1, 2, 2)));
        Assert.Equal("Kernel", ex.ParamName);
        Assert.Contains("5", ex.Message);
    }

    [Fact]
    public void MaxPool_gradient_goes_only_to_the_max_and_AvgPool_spreads()
    {
        var x = Variable("x", 1, 1, 2, 2);
        var at = Tensor.FromArray<double>(new Shape(1, 1, 2, 2), [1, 4, 3, 2]);
        Assert.Equal(4.0, Pooling.MaxPool2D(x, 2).Evaluate(("x", at)).ToArray().Single());
        Assert.Equal(Tensor.FromArray<double>(new Shape(1, 1, 2, 2), [0, 1, 0, 0]), Grad(Sum(Pooling.MaxPool2D(x, 2)), x).Evaluate(("x", at)));
        Assert.Equal(2.5, Pooling.AvgPool2D(x, 2).Evaluate(("x", at)).ToArray().Single());
        Assert.Equal(Tensor.Full<double>(new Shape(1, 1, 2, 2), 0.25), Grad(Sum(Pooling.AvgPool2D(x, 2)), x).Evaluate(("x", at)));
        Assert.Equal("size", Assert.Throws<ArgumentException>(() => Pooling.MaxPool2D(x, 3)).ParamName);
    }

    [Fact]
    public void Dropout_is_inverted_keyed_and_the_identity_in_evaluation()
    {
        var x = Variable("x", Dim.Batch, 1000);
        var key = KeyVariable("key");
        var ones = Tensor.Ones<double>(new Shape(4, 1000));
        var train = Dropout(x, 0.25, training: true, key);
        var (k1, next) = RandomKey.Draw<double>(Rng.FromSeed(1));
        var y = train.Evaluate(("x", ones), ("key", k1)).ToArray();
        Assert.All(y, v => Assert.True(v == 0 || Math.Abs(v - 1 / 0.75) < 1e-12));
        Assert.InRange(y.Count(v => v == 0) / 4000.0, 0.2, 0.3);
        Assert.InRange(y.Average(), 0.95, 1.05);
        Assert.NotEqual(Rng.FromSeed(1), next);
        Assert.Same(x, Dropout(x, 0.25, training: false, key));
        foreach (var p in new[] { -0.1, 1.0, double.NaN })
        {
            var ex = Assert.Throws<ArgumentException>(() => Dropout(x, p, true, key));
            Assert.Equal("p", ex.ParamName);
            Assert.Contains("[0, 1)", ex.Message);
        }
    }

    [Fact]
    public void One_compiled_dropout_draws_a_new_mask_per_key_and_the_same_mask_for_the_same_key()
    {
        var x = Variable("x", Dim.Batch, 64);
        var f = Plan.Compile(Dropout(x, 0.5, training: true, KeyVariable("key")));
        var ones = Tensor.Ones<float>(new Shape(2, 64));
        var (k1, rng) = RandomKey.Draw<float>(Rng.FromSeed(7));
        var (k2, _) = RandomKey.Draw<float>(rng);
        Tensor<float> Step(Tensor<float> key) => f.Run(Fn.Bind(("x", ones), ("key", key)))[0];
        Assert.NotEqual(Step(k1), Step(k2));
        Assert.Equal(Step(k1), Step(k1));
        // A key is exact in float and double: the same key draws the same mask in both precisions.
        Assert.Equal(Tensor.Cast<float, double>(Step(k1)), f.Run(Fn.Bind(("x", Tensor.Ones<double>(new Shape(2, 64))), ("key", Tensor.Cast<float, double>(k1))))[0]);
        Assert.Equal(Seq1<Variable>(KeyVariable("key")).Map(v => v.Name), KeyVariables(Dropout(x, 0.5, true, KeyVariable("key"))).Map(v => v.Name));
        var bad = Assert.Throws<ArgumentException>(() => Step(Tensor.FromArray(0.5f, 0f, 0f, 0f)));
        Assert.Contains("chunk 0 is 0.5", bad.Message);
        Assert.Throws<ShapeException>(() => Dropout(x, 0.5, true, Variable("k", 3)));
    }

    [Fact]
    public void BatchNorm_uses_batch_statistics_in_training_and_running_averages_in_evaluation()
    {
        var bn = new BatchNorm("bn", 2, Momentum: 0.1);
        var x = Variable("x", Dim.Batch, 2);
        var batch = Tensor.FromRows([1.0, 10.0], [3.0, 10.0]);   // second feature constant
        var p = bn.Init();
        var (y, state) = bn.Apply(x, training: true);
        var bindings = p.Add("x", batch);
        var output = y.Evaluate(bindings);
        Assert.Equal(-1.0, output[0, 0], 4);
        Assert.Equal(1.0, output[1, 0], 4);
        Assert.Equal(0.0, output[0, 1], 12);                       // constant batch: finite, zero
        Assert.All(Grad(Sum(y * y), bn.Gamma, x).SelectMany(g => g.Evaluate(bindings).ToArray()), v => Assert.True(double.IsFinite(v)));
        var newMean = state["bn.running_mean"].Evaluate(bindings);
        Assert.Equal(Tensor.FromArray(0.2, 1.0), newMean);        // 0.9·0 + 0.1·(2, 10)
        // The running variance averages the unbiased batch variance: (1, 3) has biased variance 1, unbiased 2.
        Assert.Equal(Tensor.FromArray(0.9 * 1 + 0.1 * 2, 0.9 * 1 + 0.1 * 0), state["bn.running_var"].Evaluate(bindings));
        var (evalY, none) = bn.Apply(x, training: false);
        Assert.True(none.IsEmpty);
        var evalBindings = p.SetItem("bn.running_mean", newMean).Add("x", batch);
        Assert.Equal(1.0 - 0.2, evalY.Evaluate(evalBindings)[0, 0], 4);
    }

    [Fact]
    public void Norms_are_finite_at_zero_vectors_and_groups_must_divide_channels()
    {
        var v = Variable("v", 3, 2);
        var zero = Tensor.Zeros<double>(new Shape(3, 2));
        var g = Variable("g", 2);
        Assert.All(Normalization.WeightNorm(v, g).Evaluate(("v", zero), ("g", Tensor.Ones<double>(new Shape(2)))).ToArray(), x => Assert.True(double.IsFinite(x)));
        Assert.All(Grad(Sum(Normalization.WeightNorm(v, g)), v).Evaluate(("v", zero), ("g", Tensor.Ones<double>(new Shape(2)))).ToArray(), x => Assert.True(double.IsFinite(x)));
        var x = Variable("x", 2, 3);
        Assert.All(Grad(Sum(Normalization.CosineNorm(x, v)), x, v).SelectMany(e => e.Evaluate(("x", Tensor.Zeros<double>(new Shape(2, 3))), ("v", zero)).ToArray()), d => Assert.True(double.IsFinite(d)));
        var cos = Normalization.CosineNorm(x, v).Evaluate(("x", Tensor.FromRows([1.0, 0, 0], [0.0, 2, 0])), ("v", Tensor.FromRows([3.0, 0], [0.0, 0], [0.0, 1])));
        Close.Equal(Tensor.FromRows([1.0, 0], [0.0, 0]), cos);
        var image = Variable("i", 1, 6, 2, 2);
        var ex = Assert.Throws<ArgumentException>(() => Normalization.GroupNorm(image, 4, Variable("a", 6), Variable("b", 6)));
        Assert.Equal("groups", ex.ParamName);
        Assert.Contains("6", ex.Message);
    }

    [Fact]
    public void Regularizers_values_clipping_and_max_norm()
    {
        var w = Variable("w", 2);
        var at = Tensor.FromArray(3.0, -4.0);
        Assert.Equal(0.7, Regularizers.L1(w, 0.1).Evaluate(("w", at)).Scalar, 12);
        Assert.Equal(1.25, Regularizers.L2(w, 0.1).Evaluate(("w", at)).Scalar, 12);
        Assert.Equal(0.7 + 1.25, Regularizers.ElasticNet(w, 0.1, 0.1).Evaluate(("w", at)).Scalar, 12);
        Assert.Equal("lambda", Assert.Throws<ArgumentException>(() => Regularizers.L2(w, -1)).ParamName);
        Close.Equal(Tensor.FromArray(0.6, -0.8), Regularizers.MaxNorm(at, 1));
        Assert.Equal(at, Regularizers.MaxNorm(at, 10));
        var grads = Params.Empty.Add("a", at).Add("b", Tensor.FromArray(0.0));
        Assert.Equal(Tensor.FromArray(1.0, -1.0), Regularizers.ClipByValue(grads, 1)["a"]);
        Close.Equal(Tensor.FromArray(0.6, -0.8), Regularizers.ClipByGlobalNorm(grads, 1)["a"]);
        var zeros = Params.Empty.Add("a", Tensor.Zeros<double>(new Shape(2)));
        Assert.Equal(zeros["a"], Regularizers.ClipByGlobalNorm(zeros, 1)["a"]);
        Assert.Equal(Tensor.Zeros<double>(new Shape(2)), Regularizers.MaxNorm(Tensor.Zeros<double>(new Shape(2)), 1));
        Assert.Equal("maxNorm", Assert.Throws<ArgumentException>(() => Regularizers.ClipByGlobalNorm(grads, 0)).ParamName);
    }

    [Fact]
    public void Combinators_compose_layers()
    {
        var x = Variable("x", 2, 3);
        var at = Tensor.FromRows([0.1, 0.2, 0.3], [0.4, 0.5, 0.6]);
        Assert.Equal(Tensor.Tanh(at) + at, LayerCombinators.Residual(Tanh)(x).Evaluate(("x", at)));
        Assert.Equal(new Shape(2, 6), LayerCombinators.Parallel(Tanh, Sigmoid)(x).Shape);
        Func<Expr, Expr> f = Tanh;
        Assert.Equal(Tensor.Sigmoid(Tensor.Tanh(at)), f.Then(Sigmoid)(x).Evaluate(("x", at)));
        var rnn = new RnnCell("r", 3, 4);
        var (p, _) = rnn.Init(Rng.FromSeed(2));
        Assert.Equal(new Shape(2, 5, 4), rnn.Unroll(Variable("s", 2, 5, 3), Zeros(new Shape(2, 4))).Shape);
        var seq = rnn.Unroll(Variable("s", 1, 2, 3), Zeros(new Shape(1, 4)));
        var s = Tensor.Normal<double>(new Shape(1, 2, 3), 4);
        var h = seq.Evaluate(p.Add("s", s));
        var x0 = Tensor.Reshape(Tensor.Slice(s, 1, 0, 1), new Shape(1, 3));
        var h1 = Tensor.Tanh(Tensor.MatMul(x0, p["r.Wx"]) + p["r.b"]);
        Assert.Equal(h1.ToArray(), Tensor.Slice(h, 1, 0, 1).ToArray());
    }
}
