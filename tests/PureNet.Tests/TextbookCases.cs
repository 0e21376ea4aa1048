using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>
/// Classic derivatives beside the formula a person writes for them with the same public API: what <c>Grad</c> returns is
/// measured against it (nodes, printed length) by <see cref="TextbookDerivatives"/>. Shapes are static (a batch of 8), so a
/// mean's 1/N is a number on both sides. Variables named t are bound to one-hot rows, l to class labels.
/// </summary>
public static class TextbookCases
{
    public sealed record Case(string Title, Expr Grad, Expr Formula);

    const int Rows = 8, Classes = 4;

    public static IReadOnlyList<Case> All { get; } = Build();

    static IReadOnlyList<Case> Build()
    {
        var x = Variable("x", Rows, 3);
        var w = Variable("w", 3, 1);
        var y = Variable("y", Rows, 1);
        var z = Variable("z", Rows, Classes);
        var t = Variable("t", Rows, Classes);
        var l = Variable("l", Rows);
        var W1 = Variable("W1", 3, 5);
        var b1 = Variable("b1", 5);
        var W2 = Variable("W2", 5, 1);
        var v = Variable("v", 6);
        var u = Variable("u", 6);
        var s = Variable("s");
        const double n = Rows;

        var xw = MatMul(x, w);
        var hidden = Activations.Relu(MatMul(x, W1) + b1);
        var softmax = Exp(z - LogSumExp(z, -1, keepDims: true));
        var d = v - u;
        var norms = Sqrt(Sum(v * v)) * Sqrt(Sum(u * u));
        return
        [
            new("quick start: mean((tanh(x·w) − y)²) in w", Grad(Mean(Square(Tanh(xw) - y)), w),
                MatMul(Transpose(x), 2 / n * (Tanh(xw) - y) * (1.0 - Square(Tanh(xw))))),
            new("linear regression: mean((x·w − y)²) in w", Grad(Mean(Square(xw - y)), w), MatMul(Transpose(x), 2 / n * (xw - y))),
            new("logistic regression in w", Grad(Losses.BinaryCrossEntropyWithLogits(xw, y), w), MatMul(Transpose(x), (Sigmoid(xw) - y) / n)),
            new("softmax cross-entropy, one-hot t, in the logits", Grad(Losses.SoftmaxCrossEntropy(z, t), z), (softmax - t) / n),
            new("softmax cross-entropy, integer labels, in the logits", Grad(Losses.SoftmaxCrossEntropyWithLabels(z, l), z), (softmax - Losses.OneHot(l, Classes)) / n),
            new("MLP first-layer weight: mean((relu(x·W1 + b1)·W2 − y)²) in W1", Grad(Mean(Square(MatMul(hidden, W2) - y)), W1),
                MatMul(Transpose(x), MatMul(2 / n * (MatMul(hidden, W2) - y), Transpose(W2)) * Greater(hidden, Zeros(hidden.Shape)))),
            new("sigmoid: Σ σ(v) in v", Grad(Sum(Sigmoid(v)), v), Sigmoid(v) * (1.0 - Sigmoid(v))),
            new("tanh: Σ tanh(v) in v", Grad(Sum(Tanh(v)), v), 1.0 - Square(Tanh(v))),
            new("product rule: Σ sin(v)·exp(v) in v", Grad(Sum(Sin(v) * Exp(v)), v), Cos(v) * Exp(v) + Sin(v) * Exp(v)),
            new("quotient rule: Σ sin(v)/u in u", Grad(Sum(Sin(v) / u), u), -Sin(v) / Square(u)),
            new("chain rule: Σ exp(sin(v²)) in v", Grad(Sum(Exp(Sin(v * v))), v), Exp(Sin(v * v)) * Cos(v * v) * (2.0 * v)),
            new("Huber (δ = 1): mean huber(v − u) in v", Grad(Losses.Huber(v, u), v),
                Where(Compare(Abs(d), CompareKind.LessOrEqual, Scalar(1.0)), d, Sign(d)) / 6.0),
            new("logsumexp in v", Grad(LogSumExp(v), v), Exp(v - LogSumExp(v))),
            new("L2 penalty: (λ/2)‖v‖² in v", Grad(Regularizers.L2(v, 0.1), v), 0.1 * v),
            new("elastic net: λ₁‖v‖₁ + (λ₂/2)‖v‖² in v", Grad(Regularizers.ElasticNet(v, 0.1, 0.2), v), 0.1 * Sign(v) + 0.2 * v),
            new("variance: mean((v − mean v)²) in v", Grad(Mean(Square(v - Mean(v))), v), 2 / 6.0 * (v - Mean(v))),
            new("cosine similarity: Σ v·u / (‖v‖‖u‖) in v", Grad(Sum(v * u) / norms, v), u / norms - Sum(v * u) / norms * v / Sum(v * v)),
            new("second derivative: d²(s³)/ds²", Grad(Grad(s * s * s, s), s), 6.0 * s),
        ];
    }
}
