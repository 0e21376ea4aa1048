using FsCheck;
using FsCheck.Fluent;
using PureNet;
using PureNet.Testing;
using static PureNet.Fn;

namespace PureNet.Properties;

/// <summary>One row per function of Nn: how to sample it (shapes, and values away from its kinks).</summary>
public static class NnCases
{
    static Gen<Shape[]> One => Generators.Shape(1, 3).Select(s => new[] { s });
    static Gen<Shape[]> Rows(int count) => from n in Gen.Choose(1, 4) from c in Gen.Choose(2, 5) select Enumerable.Repeat(new Shape(n, c), count).ToArray();

    static (string, Gen<GradSample>) Case(string name, Gen<Shape[]> shapes, Func<Expr[], Expr> f, params Domain[] d) =>
        (name, GradProperties.Samples(shapes, f, d));

    /// <summary>Samples f with every variable it reads (inputs and layer parameters) bound from the domain.</summary>
    static (string, Gen<GradSample>) Layer(string name, Gen<Shape> input, Func<Expr, Expr> f, Domain? d = null) =>
        (name, from shape in input
               let e = f(Variable("x", shape))
               from b in Generators.Bindings([.. Graph.Variables(e).DistinctBy(v => v.Name).Select(v => (v, d ?? Domain.Any))])
               select new GradSample(e, b));

    static Gen<Shape> Image(int minHw = 3) => from n in Gen.Choose(1, 2) from c in Gen.Choose(1, 2) from h in Gen.Choose(minHw, 5) from w in Gen.Choose(minHw, 5) select new Shape(n, c, h, w);
    static Gen<Shape> Matrix => from n in Gen.Choose(2, 4) from d in Gen.Choose(1, 4) select new Shape(n, d);

    static readonly Domain Kinked = Domain.AwayFromZero;
    static readonly Domain Probability = new(0.05, 0.95);
    static readonly Domain Target = new(0, 1);

    // One-hot rows made from a generated soft row: the largest entry is the class (values distinct).
    static Expr OneHotOf(Expr t) => Equal(t, BroadcastTo(StopGradient(Max(t, -1, keepDims: true)), t.Shape));

    public static IReadOnlyList<(string Name, Gen<GradSample> Samples)> All { get; } =
    [
        Case("Step", One, xs => Activations.Step(xs[0]) * xs[0], Kinked),
        Case("Sigmoid", One, xs => Sigmoid(xs[0]), Domain.Any),
        Case("Tanh", One, xs => Tanh(xs[0]), Domain.Any),
        Case("Relu", One, xs => Activations.Relu(xs[0]), Kinked),
        Case("LeakyRelu", One, xs => Activations.LeakyRelu(xs[0], 0.1), Kinked),
        Case("TwoSlope", Generators.Shape(1, 3).Select(s => new[] { s, new Shape(s[^1]), new Shape() }), xs => Activations.TwoSlope(xs[0], xs[1], xs[2]), Kinked, Domain.Any),
        Case("Splash", Generators.Shape(1, 3).Select(s => new[] { s, new Shape(3), new Shape(3) }), xs => Activations.Splash(xs[0], [0, 1, 2], xs[1], xs[2]),
            new Domain(-2.5, 2.5, 0.05, false, -2, -1, 0, 1, 2), Domain.Any),
        Case("PRelu", Generators.Shape(1, 3).Select(s => new[] { s, new Shape(s[^1]) }), xs => Activations.PRelu(xs[0], xs[1]), Kinked, Domain.Any),
        Case("Elu", One, xs => Activations.Elu(xs[0], 1.3), Kinked),
        Case("Gelu", One, xs => Activations.Gelu(xs[0]), Domain.Any),
        Case("GeluTanh", One, xs => Activations.Gelu(xs[0], tanhApproximation: true), Domain.Any),
        Case("Softplus", One, xs => Activations.Softplus(xs[0]), Kinked),
        Case("Identity", One, xs => Activations.Identity(xs[0]), Domain.Any),
        Case("Softmax", One, xs => Activations.Softmax(xs[0], 0), Domain.Any),
        Case("LogSoftmax", One, xs => Activations.LogSoftmax(xs[0], -1), Domain.Any),
        Case("Mse", Rows(2), xs => Losses.Mse(xs[0], xs[1]), Domain.Any),
        Case("MseSum", Rows(2), xs => Losses.Mse(xs[0], xs[1], Reduction.Sum), Domain.Any),
        Case("L1", Rows(2), xs => Losses.L1(xs[0], xs[1] * 0.0 + 0.001), Kinked),
        Case("Huber", Rows(2), xs => Losses.Huber(xs[0], Zeros(xs[0].Shape), 0.7), new Domain(-2, 2, 0.05, false, -0.7, 0.7)),
        Case("Tukey", Rows(2), xs => Losses.Tukey(xs[0], Zeros(xs[0].Shape), 0.5), new Domain(-2.5, 2.5, 0.05, false, -Math.Sqrt(3), Math.Sqrt(3))),
        Case("SoftmaxCrossEntropySoft", Rows(2), xs => Losses.SoftmaxCrossEntropy(xs[0], Activations.Softmax(xs[1])), Domain.Any),
        Case("SoftmaxCrossEntropyOneHot", Rows(2), xs => Losses.SoftmaxCrossEntropy(xs[0], OneHotOf(xs[1])), Domain.Any, Domain.Distinct3),
        Case("BinaryCrossEntropy", Rows(2), xs => Losses.BinaryCrossEntropy(xs[0], xs[1]), Probability, Target),
        Case("BinaryCrossEntropyWithLogits", Rows(2), xs => Losses.BinaryCrossEntropyWithLogits(xs[0], xs[1], Reduction.Sum), Kinked, Target),
        // Scores within ±0.4 keep every margin term active (> 0.2), away from the hinge's kink; the inactive side has a value test.
        Case("MulticlassHinge", Rows(2), xs => Losses.MulticlassHinge(xs[0], OneHotOf(xs[1])), new Domain(-0.4, 0.4), Domain.Distinct3),
        Case("MulticlassHingeSquared", Rows(2), xs => Losses.MulticlassHinge(xs[0], OneHotOf(xs[1]), squared: true), new Domain(-0.4, 0.4), Domain.Distinct3),
        Layer("Dense", Matrix, x => new Dense("d", x.Shape[1], 3).Apply(x)),
        Layer("Conv2D", Image(), x => new Conv2D("c", x.Shape[1], 2, Kernel: 2, Stride: 1, Padding: 1).Apply(x)),
        Layer("Conv2DStride2", Image(), x => new Conv2D("c", x.Shape[1], 3, Kernel: 3, Stride: 2, Padding: 1).Apply(x)),
        Layer("MaxPool2D", Image(4), x => Pooling.MaxPool2D(x, 2), Domain.Distinct3),
        Layer("AvgPool2D", Image(), x => Pooling.AvgPool2D(x, 2, 1)),
        Layer("Dropout", Matrix, x => Dropout(x, 0.4, training: true, Const(RandomKey.Of<double>(5))) * x),
        Layer("DropoutNonInverted", Matrix, x => DropoutNonInverted(x, 0.4, training: true, Const(RandomKey.Of<double>(5))) * x + DropoutNonInverted(x, 0.4, training: false, Const(RandomKey.Of<double>(5)))),
        Layer("LocalResponse", Image(1), x => Normalization.LocalResponse(x, 3, 0.5, 0.75, 1.5)),
        Layer("BatchNormTrain", Matrix, x => new BatchNorm("bn", x.Shape[1]).Apply(x, training: true).Output, new Domain(-2, 2, 0.02, true)),
        Layer("BatchNormTrain4D", Image(2), x => new BatchNorm("bn", x.Shape[1]).Apply(x, training: true).Output, new Domain(-2, 2, 0.02, true)),
        Layer("BatchNormEval", Matrix, x => new BatchNorm("bn", x.Shape[1]).Apply(x, training: false).Output, new Domain(0.5, 2)),
        Layer("LayerNorm", Matrix.Select(s => new Shape(s[0], s[1] + 1)), x => Normalization.LayerNorm(x, Variable("g", x.Shape[1]), Variable("b", x.Shape[1])), new Domain(-2, 2, 0.02, true)),
        Layer("GroupNorm", from n in Gen.Choose(1, 2) from h in Gen.Choose(1, 3) select new Shape(n, 4, h, 2), x => Normalization.GroupNorm(x, 2, Variable("g", 4), Variable("b", 4)), new Domain(-2, 2, 0.02, true)),
        Layer("InstanceNorm", Image(2), x => Normalization.InstanceNorm(x, Variable("g", x.Shape[1]), Variable("b", x.Shape[1])), new Domain(-2, 2, 0.02, true)),
        Layer("WeightNorm", Matrix, x => Normalization.WeightNorm(x, Variable("g", x.Shape[1])), Domain.Positive),
        Layer("CosineNorm", Matrix, x => Normalization.CosineNorm(x, Variable("w", x.Shape[1], 2)), Domain.Positive),
        Layer("Residual", Matrix, x => LayerCombinators.Residual(h => Tanh(new Dense("r", x.Shape[1], x.Shape[1]).Apply(h)))(x)),
        Layer("Parallel", Matrix, x => LayerCombinators.Parallel(Tanh, Sigmoid)(x)),
        Layer("Sequence", Matrix, x => LayerCombinators.Sequence(new Dense("a", x.Shape[1], 3).Apply, Tanh, new Dense("b", 3, 2).Apply)(x)),
        Layer("RnnCell", from n in Gen.Choose(1, 3) from t in Gen.Choose(1, 4) select new Shape(n, t, 2), x => new RnnCell("rnn", 2, 3).Unroll(x, Zeros(new Shape(x.Shape[0], 3)))),
        Layer("L1Regularizer", Matrix, x => Regularizers.L1(x, 0.3), Kinked),
        Layer("L2Regularizer", Matrix, x => Regularizers.L2(x, 0.3)),
        Case("LInfRegularizer", Rows(1), xs => Regularizers.LInf(xs[0], 0.3), new Domain(0.1, 2, 0.05, true)),   // distinct magnitudes: no tie for the max
        Layer("ElasticNet", Matrix, x => Regularizers.ElasticNet(x, 0.2, 0.5), Kinked),
    ];
}

public class NnGradientProperties
{
    public static TheoryData<string> Names() => [.. NnCases.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Symbolic_gradient_matches_numeric(string name) =>
        GradProperties.Verify(GradProperties.Gradient(NnCases.All.Single(c => c.Name == name).Samples), OpGradientProperties.Cases);

    [Theory]
    [MemberData(nameof(Names))]
    public void Jvp_equals_the_vjp_and_central_differences(string name) =>
        GradProperties.Verify(GradProperties.Jvp(NnCases.All.Single(c => c.Name == name).Samples), OpGradientProperties.Cases);
}
