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
    ];
}

public class NnGradientProperties
{
    public static TheoryData<string> Names() => [.. NnCases.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Symbolic_gradient_matches_numeric(string name) =>
        GradProperties.Verify(GradProperties.Gradient(NnCases.All.Single(c => c.Name == name).Samples), OpGradientProperties.Cases);
}
