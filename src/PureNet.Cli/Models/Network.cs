using LanguageExt;
using static PureNet.Fn;

namespace PureNet.Cli;

/// <summary>What a network computes from a batch in one mode: logits, new state (BatchNorm running statistics) and each hidden layer's activation, named.</summary>
public sealed record Forward(Expr Logits, HashMap<string, Expr> NewState, Seq<(string Layer, Expr Value)> Activations);

/// <summary>
/// A classifier of flattened 28×28 images into 10 classes, built from Nn layers: its input and target variables, its
/// trainable parameters (those named in <see cref="Weights"/> get the L2 penalty), and its forward pass in training or
/// evaluation mode. Kinds: mlp, cnn, cnn-bn.
/// </summary>
public sealed record Network(string Kind, Seq<Variable> Parameters, Seq<Variable> Weights, Func<Rng, HashMap<string, Tensor<double>>> Init,
    Func<Expr, bool, Forward> Apply, string FirstLayer, double L2)
{
    public static readonly string[] Kinds = ["mlp", "cnn", "cnn-bn"];

    public static Variable Input { get; } = Variable("x", Dim.Batch, FashionMnist.Side * FashionMnist.Side);

    /// <summary>Class labels, one per row.</summary>
    public static Variable Target { get; } = Variable("y", Dim.Batch);

    /// <summary>The loss: mean softmax cross-entropy plus ½λ‖W‖² over the weights (biases and BatchNorm parameters are not penalized).</summary>
    public (Expr Loss, Forward Forward) LossAndForward(bool training, double? l2 = null)
    {
        var f = Apply(Input, training);
        var penalty = (l2 ?? L2) == 0 ? Scalar(0) : Weights.Map(w => Regularizers.L2(w, l2 ?? L2)).Reduce((a, b) => a + b);
        return (Losses.SoftmaxCrossEntropyWithLabels(f.Logits, Target) + penalty, f);
    }

    public static Network Create(string kind, double dropout, double l2, int width = 1) => kind switch
    {
        "mlp" => Mlp(dropout, l2),
        "cnn" => Cnn(dropout, l2, batchNorm: false, width),
        "cnn-bn" => Cnn(dropout, l2, batchNorm: true, width),
        _ => throw new ArgumentException($"Network.Create: unknown model '{kind}'; known: {string.Join(", ", Kinds)}.", nameof(kind)),
    };

    /// <summary>784-256-128-10 with ReLU (He-normal hidden weights, small output weights), dropout after each hidden layer.</summary>
    static Network Mlp(double dropout, double l2)
    {
        var l1 = new Dense("l1", 784, 256);
        var l2Layer = new Dense("l2", 256, 128);
        var l3 = new Dense("l3", 128, 10);
        Forward Apply(Expr x, bool training)
        {
            var h1 = Activations.Relu(l1.Apply(x));
            var h2 = Activations.Relu(l2Layer.Apply(Layers.Dropout(h1, dropout, training, "l1")));
            var logits = l3.Apply(Layers.Dropout(h2, dropout, training, "l2"));
            return new(logits, HashMap<string, Expr>.Empty, LanguageExt.Prelude.Seq(("l1", h1), ("l2", h2), ("l3 (logits)", logits)));
        }
        return new("mlp", l1.Parameters + l2Layer.Parameters + l3.Parameters, LanguageExt.Prelude.Seq(l1.W, l2Layer.W, l3.W),
            rng => Layers.InitAll(rng, r => l1.Init(r, PureNet.Init.HeNormal), r => l2Layer.Init(r, PureNet.Init.HeNormal), r => l3.Init(r, Layers.SmallOutput)),
            Apply, l1.W.Name, l2);
    }

    /// <summary>
    /// conv 3×3 (8w channels) → [BN] → ReLU → max-pool 2 → conv 3×3 (16w) → [BN] → ReLU → max-pool 2 → dense 128 → [BN] → ReLU → dropout → dense 10.
    /// </summary>
    static Network Cnn(double dropout, double l2, bool batchNorm, int width)
    {
        var (c1n, c2n) = (8 * width, 16 * width);
        var c1 = new Conv2D("conv1", 1, c1n, Kernel: 3, Padding: 1, Bias: !batchNorm);
        var c2 = new Conv2D("conv2", c1n, c2n, Kernel: 3, Padding: 1, Bias: !batchNorm);
        var f1 = new Dense("fc1", c2n * 7 * 7, 128, Bias: !batchNorm);
        var f2 = new Dense("fc2", 128, 10);
        var (bn1, bn2, bn3) = (new BatchNorm("bn1", c1n), new BatchNorm("bn2", c2n), new BatchNorm("bn3", 128));
        Forward Apply(Expr x, bool training)
        {
            var state = HashMap<string, Expr>.Empty;
            Expr Norm(BatchNorm bn, Expr h)
            {
                if (!batchNorm) return h;
                var (y, s) = bn.Apply(h, training);
                state = state.Union(s);
                return y;
            }
            var image = Reshape(x, Dim.Batch, 1, FashionMnist.Side, FashionMnist.Side);
            var a1 = Activations.Relu(Norm(bn1, c1.Apply(image)));
            var a2 = Activations.Relu(Norm(bn2, c2.Apply(Pooling.MaxPool2D(a1, 2))));
            var a3 = Activations.Relu(Norm(bn3, f1.Apply(Flatten(Pooling.MaxPool2D(a2, 2)))));
            var logits = f2.Apply(Layers.Dropout(a3, dropout, training, "fc1"));
            return new(logits, state, LanguageExt.Prelude.Seq(("conv1", a1), ("conv2", a2), ("fc1", a3), ("fc2 (logits)", logits)));
        }
        var norms = batchNorm ? bn1.Parameters + bn2.Parameters + bn3.Parameters : Seq<Variable>.Empty;
        return new(batchNorm ? "cnn-bn" : "cnn", c1.Parameters + c2.Parameters + f1.Parameters + f2.Parameters + norms, LanguageExt.Prelude.Seq(c1.W, c2.W, f1.W, f2.W),
            rng =>
            {
                var p = Layers.InitAll(rng, c1.Init, c2.Init, r => f1.Init(r, PureNet.Init.HeNormal), r => f2.Init(r, Layers.SmallOutput));
                return batchNorm ? p.Union(bn1.Init()).Union(bn2.Init()).Union(bn3.Init()) : p;
            },
            Apply, c1.W.Name, l2);
    }
}

public static class NetworkExtensions
{
    /// <summary>Variables the evaluation graph reads besides input and parameters: the state saved with the model (BatchNorm running statistics).</summary>
    public static Seq<Variable> StateVariables(this Network n)
    {
        var trained = n.Parameters.Map(p => p.Name).ToHashSet();
        return LanguageExt.Prelude.toSeq(Graph.Variables(n.Apply(Network.Input, false).Logits)
            .Where(v => v.Name != Network.Input.Name && !trained.Contains(v.Name)).DistinctBy(v => v.Name).OrderBy(v => v.Name, StringComparer.Ordinal)).Strict();
    }
}
