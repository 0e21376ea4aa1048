using LanguageExt;
using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>
/// Every activation of the vocabulary, the normalizations, dropout in evaluation mode and every op with an ONNX
/// mapping, each exported and run by ONNX Runtime against PureNet at two batch sizes; and a check that these cases
/// reach every mapping, so a mapping cannot exist untested.
/// </summary>
public class OnnxOpTests
{
    static readonly Variable X = Variable("x", Dim.Batch, 6);
    static readonly Variable Image = Variable("image", Dim.Batch, 4, 7, 6);

    sealed record Case(Expr Output, HashMap<string, Tensor<double>> Params, Func<Shape, int, Tensor<float>>? Draw = null, bool Relative = false);

    static HashMap<string, Tensor<double>> P(params (string Name, Shape Shape)[] ps) =>
        ps.Select((p, i) => (p.Name, Tensor.Normal<double>(p.Shape, 77 + i))).Aggregate(Params.Empty, (m, p) => m.Add(p.Name, p.Item2));

    static Case Of(Expr output, params (string Name, Shape Shape)[] ps) => new(output, P(ps));

    static Tensor<float> Positive(Shape s, int seed) => Tensor.Uniform<float>(s, seed, 0.05, 4);
    static Tensor<float> Wide(Shape s, int seed) => Tensor.Normal<float>(s, seed, 0, 30);
    static Tensor<float> Tiny(Shape s, int seed) => Tensor.Normal<float>(s, seed, 0, 1e-6);
    /// <summary>Values on a grid of quarters, so comparisons tie, rounding meets halves and maxima repeat.</summary>
    static Tensor<float> Quarters(Shape s, int seed) =>
        Tensor.FromArray<float>(s, [.. Tensor.Normal<double>(s, seed, 0, 2).ToArray().Select(v => (float)(Math.Round(v * 4) / 4))]);

    static readonly Variable W = Variable("w", 6);
    static Expr Wv(int n) => Variable($"w{n}", n);

    static readonly Dictionary<string, Func<Case>> Cases = new()
    {
        // Activations (Nn/Activations.cs) and the two Fn ones
        ["step"] = () => new(Activations.Step(X), Params.Empty, Quarters),
        ["identity"] = () => Of(Activations.Identity(X)),
        ["relu"] = () => Of(Activations.Relu(X)),
        ["leaky_relu"] = () => Of(Activations.LeakyRelu(X, 0.1)),
        ["prelu"] = () => Of(Activations.PRelu(X, W), ("w", new Shape(6))),
        ["two_slope"] = () => Of(Activations.TwoSlope(X, Variable("k1", 6), Variable("k2", Shape.Scalar)), ("k1", new Shape(6)), ("k2", Shape.Scalar)),
        ["splash"] = () => Of(Activations.Splash(X, [0, 0.5, 1.5], Wv(3), Variable("v3", 3)), ("w3", new Shape(3)), ("v3", new Shape(3))),
        ["elu"] = () => new(Activations.Elu(X, 0.7), Params.Empty, Wide),
        ["gelu"] = () => Of(Activations.Gelu(X)),
        ["gelu_tanh"] = () => Of(Activations.Gelu(X, tanhApproximation: true)),
        ["softplus"] = () => new(Activations.Softplus(X), Params.Empty, Wide),
        ["softmax"] = () => new(Activations.Softmax(X), Params.Empty, Wide),
        ["softmax_axis0"] = () => Of(Activations.Softmax(X, 0)),
        ["log_softmax"] = () => new(Activations.LogSoftmax(X), Params.Empty, Wide),
        ["sigmoid"] = () => new(Sigmoid(X), Params.Empty, Wide),
        ["tanh"] = () => Of(Tanh(X)),
        // Normalization and dropout in evaluation mode
        ["layer_norm"] = () => Of(Normalization.LayerNorm(X, W, Variable("b", 6)), ("w", new Shape(6)), ("b", new Shape(6))),
        ["layer_norm_image"] = () => Of(Normalization.LayerNorm(Image, Variable("g", 7, 6), Variable("b", 6)), ("g", new Shape(7, 6)), ("b", new Shape(6))),
        ["group_norm"] = () => Of(Normalization.GroupNorm(Image, 2, Variable("g", 4), Variable("b", 4)), ("g", new Shape(4)), ("b", new Shape(4))),
        ["instance_norm"] = () => Of(Normalization.InstanceNorm(Image, Variable("g", 4), Variable("b", 4)), ("g", new Shape(4)), ("b", new Shape(4))),
        ["local_response"] = () => Of(Normalization.LocalResponse(Image, 3, 0.1, 0.75, 2)),
        ["batch_norm_training_statistics"] = () => Of(new BatchNorm("bn", 4).Apply(Image, training: true).Output, ("bn.gamma", new Shape(4)), ("bn.beta", new Shape(4))),
        ["dropout"] = () => Of(Dropout(Activations.Relu(X), 0.4, training: false, KeyVariable("key"))),
        ["dropout_non_inverted"] = () => Of(DropoutNonInverted(Activations.Relu(X), 0.4, training: false, KeyVariable("key"))),
        // Elementwise ops
        ["neg_exp_abs_sign"] = () => new(Neg(Exp(X)) + Abs(X) * Sign(X), Params.Empty, Quarters),
        ["log_sqrt_rsqrt_reciprocal"] = () => new(Log(X) + Sqrt(X) + Rsqrt(X) + Reciprocal(X), Params.Empty, Positive),
        ["log1p_tiny"] = () => new(Log1p(X), Params.Empty, Tiny, Relative: true),
        // Absolute: PureNet's kernel (TensorPrimitives.ExpM1) computes eˣ − 1 and loses tiny x in float; the export keeps them.
        ["expm1_tiny"] = () => new(Expm1(X), Params.Empty, Tiny),
        ["softplus_log_sigmoid_far_out"] = () => new(Concat(1, Activations.Softplus(X - 40.0), LogSigmoid(40.0 - X)), Params.Empty, Relative: true),
        ["log1p_expm1_wide"] = () => new(Log1p(Abs(X)) + Expm1(Clamp(X, -80, 80)), Params.Empty, Wide),
        ["log_sigmoid"] = () => new(LogSigmoid(X), Params.Empty, Wide),
        ["square_floor_ceil_round"] = () => new(Square(X) + Floor(X) + Ceil(X) + Round(X + 0.5), Params.Empty, Quarters),
        ["trigonometry"] = () => Of(Sin(X) + Cos(X) + Tan(X) + Atan(X) + Sinh(X) + Cosh(X)),
        ["erf"] = () => Of(Erf(X * 2)),
        ["clamp"] = () => Of(Clamp(X, -0.5, 0.5) + Clamp(X, double.NegativeInfinity, 0.25)),
        ["arithmetic"] = () => Of((X + W) * (X - 2.0) / (Abs(W) + 1.0), ("w", new Shape(6))),
        ["pow"] = () => new(Pow(X, 3.0) + Pow(X, Variable("e", 6)), P(("e", new Shape(6))), Positive),
        ["maximum_minimum"] = () => Of(Maximum(X, W) + Minimum(X, 0.25 * W), ("w", new Shape(6))),
        ["compare"] = () => new(Less(X, W) + Compare(X, CompareKind.LessOrEqual, W) * 2 + Greater(X, W) * 4
            + Compare(X, CompareKind.GreaterOrEqual, W) * 8 + Equal(X, W) * 16 + Compare(X, CompareKind.NotEqual, W) * 32,
            Params.Empty.Add("w", Tensor.FromArray<double>(new Shape(6), [-1, -0.5, 0, 0.25, 0.5, 1])), Quarters),
        ["where"] = () => new(Where(Greater(X, W), X * 3, -X), Params.Empty.Add("w", Tensor.Zeros<double>(new Shape(6))), Quarters),
        // Reductions
        ["sum_mean_max_min"] = () => Of(Sum(Image, new Axes(2, 3)) + Mean(Image, new Axes(-1, -2)) + Max(Image, new Axes(2, 3)) + Min(Image, new Axes(3, 2))),
        ["reductions_keep_dims"] = () => Of(Image - Mean(Image, new Axes(1, 3), keepDims: true) + Max(Image, 1, keepDims: true) * Sum(Image, 3, keepDims: true)),
        ["reductions_over_the_batch"] = () => Of(X - Mean(X, 0, keepDims: true) + Sum(X) + Max(X) + Mean(X)),
        ["count"] = () => Of(X * Count(X) + Count(Image, new Axes(1, 2)) + Count(X, 1)),
        ["logsumexp"] = () => new(Concat(1, LogSumExp(Image, new Axes(1, 3)), Flatten(LogSumExp(Image, 2, keepDims: true))), Params.Empty, Wide),
        // Layout
        ["reshape_transpose"] = () => Of(Reshape(Permute(Image, 0, 3, 1, 2), Dim.Batch, 24, 7) + Transpose(Reshape(Image, Dim.Batch, 7, 24))),
        ["slice_pad_concat"] = () => Of(Concat(1, Slice(Image, 1, 1, 2), Pad(Slice(Image, 2, 2, 3), [0, 0, 2, 0], [0, 1, 2, 0]), Pad(Slice(Image, 3, 1, 4), [0, 0, 0, 1], [0, 0, 0, 1]))),
        ["stack"] = () => Of(Stack(1, X, Square(X), Zeros(X.Shape))),
        ["broadcast_to_and_full"] = () => Of(Concat(0, BroadcastTo(Reshape(W, 1, 6), new Shape(3, 6)), Full(new Shape(2, 6), 1.5)) + Sum(X), ("w", new Shape(6))),
        ["broadcast_over_the_batch"] = () => Of(Concat(1, BroadcastTo(W, X.Shape), X, Ones(X.Shape)), ("w", new Shape(6))),
        // Products and windows
        ["matmul"] = () => Of(MatMul(X, Variable("a", 6, 3)) + MatMul(X, Variable("b", 3, 6), false, true), ("a", new Shape(6, 3)), ("b", new Shape(3, 6))),
        ["matmul_transposed_left"] = () => Of(MatMul(Reshape(X, Dim.Batch, 2, 3), Variable("a", 2, 4), true, false) + MatMul(Reshape(X, Dim.Batch, 2, 3), Variable("b", 4, 2), true, true),
            ("a", new Shape(2, 4)), ("b", new Shape(4, 2))),
        ["matmul_vector"] = () => Of(Concat(1, Reshape(MatMul(X, W), Dim.Batch, 1), MatMul(Reshape(X, Dim.Batch, 2, 3), Variable("v", 3))), ("w", new Shape(6)), ("v", new Shape(3))),
        ["conv_stride_padding"] = () =>
        {
            var conv = new Conv2D("c", 4, 5, Kernel: 3, Stride: 2, Padding: 2);
            return new(conv.Apply(Image), conv.Init(Rng.FromSeed(5)).Params.SetItem("c.b", Tensor.Normal<double>(new Shape(5), 6)));
        },
        ["conv_flat_kernel"] = () =>
        {
            var cols = Reshape(Patches(Image, 3, 2, 2, 1, 1, 0), Dim.Batch, 4 * 3 * 2, 4 * 5);
            return Of(Reshape(MatMul(Variable("wf", 3, 24), cols), Dim.Batch, 3, 4, 5), ("wf", new Shape(3, 24)));
        },
        ["patches_rectangular"] = () => Of(Patches(Image, 2, 3, 1, 2, 1, 0)),
        ["avg_pool_max_pool"] = () => Of(Concat(1, Pooling.AvgPool2D(Image, 2), Pooling.MaxPool2D(Image, 2)) + Sum(Pooling.MaxPool2D(Image, 3, 1))),
        // Pass-through ops
        ["stop_gradient"] = () => Of(X * StopGradient(Max(X, 1, keepDims: true))),
        ["custom_vjp"] = () => Of(CustomVjp("my_softplus", x => Log(1.0 + Exp(x[0])), (x, y, g) => [g * Sigmoid(x[0])])([X])),
        ["custom_jvp"] = () => Of(CustomJvp("my_square", x => x[0] * x[0], (x, y, t) => 2.0 * x[0] * t[0])([X])),
        ["bias_activation"] = () => Of(BiasActivation(X, W, ActivationKind.Relu) + BiasActivation(X, W, ActivationKind.Tanh)
            + BiasActivation(X, W, ActivationKind.Sigmoid) + BiasActivation(X, W, ActivationKind.Identity), ("w", new Shape(6))),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void RunsInOnnxRuntimeAsInPureNet(string name)
    {
        var c = Cases[name]();
        OnnxRuntimeCheck.Matches(c.Output, c.Params, draw: c.Draw, relative: c.Relative);
    }

    [Fact]
    public void TheCasesReachEveryMapping()
    {
        var reached = Cases.Values.SelectMany(c => Graph.TopoSort(c().Output).OfType<Apply>().Select(a => a.Op.GetType())).ToHashSet();
        var untested = OnnxMappings.All.Select(m => m.Op).Where(t => !reached.Contains(t)).Select(t => t.Name).ToArray();
        Assert.True(untested.Length == 0, $"mappings no case reaches: {string.Join(", ", untested)}");
    }

    [Theory]
    [InlineData("conv_stride_padding", 1)]
    [InlineData("conv_flat_kernel", 1)]
    [InlineData("patches_rectangular", 0)]
    public void ConvolutionsExportAsConv(string name, int convs)
    {
        var c = Cases[name]();
        Assert.Equal(convs, Onnx.Model(c.Output, c.Params).Graph.Nodes.Count(n => n.OpType == "Conv"));
    }
}
