using LanguageExt;
using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>
/// The networks the purenet command trains, built from the library's layers in evaluation mode, exported to ONNX and
/// run by ONNX Runtime: the outputs equal PureNet's at two batch sizes.
/// </summary>
public class OnnxModelTests
{
    static readonly Variable X = Variable("x", Dim.Batch, 784);

    static HashMap<string, Tensor<double>> Union(params HashMap<string, Tensor<double>>[] maps) => maps.Aggregate(Params.Empty, (a, b) => a.Union(b));

    /// <summary>784-256-128-10 with ReLU and (evaluation-mode) dropout after each hidden layer.</summary>
    static (Expr Logits, HashMap<string, Tensor<double>> Params) Mlp()
    {
        var (l1, l2, l3) = (new Dense("l1", 784, 256), new Dense("l2", 256, 128), new Dense("l3", 128, 10));
        var h1 = Activations.Relu(l1.Apply(X));
        var h2 = Activations.Relu(l2.Apply(Dropout(h1, 0.3, training: false, KeyVariable("l1.dropout_key"))));
        var logits = l3.Apply(Dropout(h2, 0.3, training: false, KeyVariable("l2.dropout_key")));
        var (p1, r1) = l1.Init(Rng.FromSeed(1), Init.HeNormal);
        var (p2, r2) = l2.Init(r1, Init.HeNormal);
        var (p3, _) = l3.Init(r2);
        return (logits, Union(p1, p2, p3));
    }

    /// <summary>conv 3×3 → [BN] → ReLU → max-pool 2 → conv 3×3 → [BN] → ReLU → max-pool 2 → dense 128 → [BN] → ReLU → dropout → dense 10.</summary>
    static (Expr Logits, HashMap<string, Tensor<double>> Params) Cnn(bool batchNorm)
    {
        var c1 = new Conv2D("conv1", 1, 8, Kernel: 3, Padding: 1, Bias: !batchNorm);
        var c2 = new Conv2D("conv2", 8, 16, Kernel: 3, Padding: 1, Bias: !batchNorm);
        var f1 = new Dense("fc1", 16 * 7 * 7, 128, Bias: !batchNorm);
        var f2 = new Dense("fc2", 128, 10);
        var bns = new[] { new BatchNorm("bn1", 8), new BatchNorm("bn2", 16), new BatchNorm("bn3", 128) };
        Expr Norm(int i, Expr h) => batchNorm ? bns[i].Apply(h, training: false).Output : h;
        var image = Reshape(X, Dim.Batch, 1, 28, 28);
        var a1 = Activations.Relu(Norm(0, c1.Apply(image)));
        var a2 = Activations.Relu(Norm(1, c2.Apply(Pooling.MaxPool2D(a1, 2))));
        var a3 = Activations.Relu(Norm(2, f1.Apply(Flatten(Pooling.MaxPool2D(a2, 2)))));
        var logits = f2.Apply(Dropout(a3, 0.5, training: false, KeyVariable("fc1.dropout_key")));
        var (p1, r1) = c1.Init(Rng.FromSeed(2));
        var (p2, r2) = c2.Init(r1);
        var (p3, r3) = f1.Init(r2, Init.HeNormal);
        var (p4, r4) = f2.Init(r3);
        var all = Union(p1, p2, p3, p4);
        return (logits, batchNorm ? all.Union(TrainedStatistics(bns, r4)) : all);
    }

    /// <summary>BatchNorm parameters and running statistics away from their initial 1s and 0s, as after training.</summary>
    static HashMap<string, Tensor<double>> TrainedStatistics(BatchNorm[] bns, Rng rng)
    {
        var p = Params.Empty;
        foreach (var bn in bns)
        {
            (var gamma, rng) = Tensor.Uniform<double>(bn.Gamma.Shape, rng, 0.5, 1.5);
            (var beta, rng) = Tensor.Normal<double>(bn.Beta.Shape, rng, 0, 0.1);
            (var mean, rng) = Tensor.Normal<double>(bn.RunningMean.Shape, rng, 0, 0.2);
            (var variance, rng) = Tensor.Uniform<double>(bn.RunningVar.Shape, rng, 0.5, 2);
            p = p.Add(bn.Gamma.Name, gamma).Add(bn.Beta.Name, beta).Add(bn.RunningMean.Name, mean).Add(bn.RunningVar.Name, variance);
        }
        return p;
    }

    [Fact]
    public void MlpLogits()
    {
        var (logits, p) = Mlp();
        OnnxRuntimeCheck.Matches(logits, p);
    }

    [Fact]
    public void MlpProbabilities()
    {
        var (logits, p) = Mlp();
        OnnxRuntimeCheck.Matches(Activations.Softmax(logits), p);
    }

    [Fact]
    public void CnnLogits()
    {
        var (logits, p) = Cnn(batchNorm: false);
        OnnxRuntimeCheck.Matches(logits, p);
    }

    [Fact]
    public void CnnWithBatchNormInEvaluationMode()
    {
        var (logits, p) = Cnn(batchNorm: true);
        OnnxRuntimeCheck.Matches(Activations.Softmax(logits), p);
    }

    [Fact]
    public void ExportedFileLoadsAndMatchesTheBytes()
    {
        var (logits, p) = Mlp();
        var path = Path.Combine(Path.GetTempPath(), $"purenet-onnx-{Guid.NewGuid():N}.onnx");
        try
        {
            Onnx.Export(logits, p, path);
            Assert.Equal(Onnx.Encode(logits, p), File.ReadAllBytes(path));
            using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(path);
            Assert.Equal(["x"], session.InputNames);
            Assert.Equal(["output"], session.OutputNames);
            Assert.Equal(new[] { -1, 10 }, session.OutputMetadata["output"].Dimensions);
        }
        finally { File.Delete(path); }
    }

    /// <summary>The ONNX op types of a model's nodes, in order.</summary>
    static string[] OpTypes(Expr output, HashMap<string, Tensor<double>> p) => [.. Onnx.Model(output, p).Graph.Nodes.Select(n => n.OpType)];

    [Fact]
    public void AnMlpIsMatMulAddAndReluOnly()
    {
        var (logits, p) = Mlp();
        Assert.Equal(["MatMul", "Add", "Relu", "MatMul", "Add", "Relu", "MatMul", "Add"], OpTypes(logits, p));
        Assert.Equal(["l1.W", "l1.b", "l2.W", "l2.b", "l3.W", "l3.b"], Onnx.Model(logits, p).Graph.Initializers.Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SoftmaxAndBatchNormStretchNothingOverTheBatch()
    {
        var (logits, p) = Cnn(batchNorm: true);
        var ops = OpTypes(Activations.Softmax(logits), p);
        Assert.DoesNotContain("Expand", ops);
        Assert.Equal(["ReduceMax", "Sub", "Exp", "ReduceSum", "Div"], ops[^5..]);
    }

    [Fact]
    public void ACnnExportsItsConvolutionsAsConv()
    {
        var (logits, p) = Cnn(batchNorm: false);
        var ops = OpTypes(logits, p);
        Assert.Equal(2, ops.Count(o => o == "Conv"));
        Assert.Equal(2, ops.Count(o => o == "MaxPool"));
        Assert.DoesNotContain("Slice", ops);
        Assert.DoesNotContain("Expand", ops);
    }
}
