using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>The README's "Reading derivatives" cases: classic losses and the parameter each is differentiated in.</summary>
public static class DerivativeExamples
{
    public sealed record Case(string Title, string Code, Expr Raw)   // Raw: RawGrad, what the derivative rules build
    {
        public Expr Simplified { get; } = Simplify(Raw);
    }

    public static IReadOnlyList<Case> All { get; } = Build();

    static IReadOnlyList<Case> Build()
    {
        var x = Variable("x", Dim.Batch, 3);
        var y = Variable("y", Dim.Batch, 1);
        var w = Variable("w", 3, 1);
        var X = Variable("X", 5, 3);
        var Y = Variable("Y", 5, 1);
        var z = Variable("z", Dim.Batch, 10);
        var t = Variable("t", Dim.Batch, 10);
        var p = Variable("p", Dim.Batch, 1);
        var x4 = Variable("x", Dim.Batch, 4);
        var W1 = Variable("W1", 4, 8);
        var b1 = Variable("b1", 8);
        var W2 = Variable("W2", 8, 1);
        return
        [
            new("Quick start", "Grad(Mean(Square(Tanh(MatMul(x, w)) - y)), w)", RawGrad(Mean(Square(Tanh(MatMul(x, w)) - y)), w)[0]),
            new("Linear regression (X of static shape [5, 3])", "Grad(Mean(Square(MatMul(X, w) - Y)), w)", RawGrad(Mean(Square(MatMul(X, w) - Y)), w)[0]),
            new("Softmax cross-entropy (one-hot t), in the logits", "Grad(Losses.SoftmaxCrossEntropy(z, t), z)", RawGrad(Losses.SoftmaxCrossEntropy(z, t), z)[0]),
            new("Logistic regression", "Grad(Losses.BinaryCrossEntropyWithLogits(MatMul(x, w), p), w)", RawGrad(Losses.BinaryCrossEntropyWithLogits(MatMul(x, w), p), w)[0]),
            new("An MLP layer: the first weight of relu(x·W1 + b1)·W2", "Grad(Mean(Square(MatMul(Relu(MatMul(x, W1) + b1), W2) - y)), W1)", RawGrad(Mean(Square(MatMul(Activations.Relu(MatMul(x4, W1) + b1), W2) - y)), W1)[0]),
        ];
    }
}
