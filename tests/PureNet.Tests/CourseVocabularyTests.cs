using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>The course's remaining vocabulary: learnable activations, LRN, the L∞ penalty, standard init, non-inverted dropout.</summary>
public class CourseVocabularyTests
{
    [Fact]
    public void Two_slope_and_splash_activations_compute_their_definitions()
    {
        var x = Variable("x", 4);
        var at = Tensor.FromArray(-2.0, -0.5, 0.5, 3);
        var two = Activations.TwoSlope(x, Scalar(1.5), Scalar(0.1)).Evaluate(("x", at)).ToArray();
        Assert.Equal([-0.2, -0.05, 0.75, 4.5], two.Select(v => Math.Round(v, 12)).ToArray());
        var splash = Activations.Splash(x, [0, 1], Const(Tensor.FromArray(1.0, 0.5)), Const(Tensor.FromArray(0.2, 0.3)));
        double H(double v) => Math.Max(0, v) + 0.5 * Math.Max(0, v - 1) + 0.2 * Math.Max(0, -v) + 0.3 * Math.Max(0, -v - 1);
        Assert.Equal(at.ToArray().Select(H).ToArray(), splash.Evaluate(("x", at)).ToArray());
        Assert.Throws<ArgumentException>(() => Activations.Splash(x, [1, 0], Variable("a", 2), Variable("b", 2)));
        Assert.Throws<ShapeException>(() => Activations.Splash(x, [0, 1], Variable("a", 3), Variable("b", 2)));
        Assert.Throws<ShapeException>(() => Activations.TwoSlope(x, Variable("k", 3), Scalar(1.0)));
    }

    [Fact]
    public void Local_response_normalization_follows_alexnet()
    {
        var x = Variable("x", 1, 4, 1, 2);
        var at = Tensor.FromArray(new Shape(1, 4, 1, 2), [1.0, 2, -3, 4, 0.5, -1, 2, 3]);
        var y = Normalization.LocalResponse(x, n: 3, alpha: 0.1, beta: 0.75, k: 2).Evaluate(("x", at)).ToArray();
        double A(int c, int w) => at.Span[c * 2 + w];
        for (var c = 0; c < 4; c++)
            for (var w = 0; w < 2; w++)
            {
                var sum = Enumerable.Range(c - 1, 3).Where(j => j is >= 0 and < 4).Sum(j => A(j, w) * A(j, w));
                Assert.Equal(A(c, w) / Math.Pow(2 + 0.1 * sum, 0.75), y[c * 2 + w], 12);
            }
        Assert.Throws<ArgumentException>(() => Normalization.LocalResponse(x, n: 0));
        Assert.Throws<ArgumentException>(() => Normalization.LocalResponse(x, beta: double.NaN));
    }

    [Fact]
    public void The_linf_penalty_is_the_largest_magnitude()
    {
        var w = Variable("w", 3);
        var at = Tensor.FromArray(0.5, -2.0, 1.0);
        Assert.Equal(0.6, Regularizers.LInf(w, 0.3).Evaluate(("w", at)).Scalar, 12);
        Assert.Equal([0.0, -0.3, 0.0], Grad(Regularizers.LInf(w, 0.3), w).Evaluate(("w", at)).ToArray());
        Assert.Throws<ArgumentException>(() => Regularizers.LInf(w, -1));
    }

    [Fact]
    public void Standard_initialization_is_uniform_on_one_over_root_fan_in()
    {
        var (w, _) = Init.Standard(new Shape(400, 300), new Rng(3));
        var bound = 1 / Math.Sqrt(400);
        Assert.True(w.ToArray().All(v => Math.Abs(v) <= bound));
        var variance = w.ToArray().Select(v => v * v).Average();
        Assert.InRange(variance, 0.95 / (3 * 400), 1.05 / (3 * 400));
    }

    [Fact]
    public void Non_inverted_dropout_keeps_values_in_training_and_scales_at_test_time()
    {
        var x = Variable("x", 1000);
        var ones = Tensor.Ones<double>(new Shape(1000));
        var key = Const(RandomKey.Of<double>(11));
        var trained = DropoutNonInverted(x, 0.3, training: true, key).Evaluate(("x", ones)).ToArray();
        Assert.True(trained.All(v => v is 0.0 or 1.0));
        Assert.InRange(trained.Count(v => v == 0) / 1000.0, 0.25, 0.35);
        Assert.Equal(Enumerable.Repeat(0.7, 1000).ToArray(), DropoutNonInverted(x, 0.3, training: false, key).Evaluate(("x", ones)).ToArray());
        Assert.Throws<ArgumentException>(() => DropoutNonInverted(x, 1.0, training: true, key));
    }
}
