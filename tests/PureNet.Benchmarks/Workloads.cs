using LanguageExt;
using PureNet;
using static PureNet.Fn;

namespace PureNet.Benchmarks;

/// <summary>
/// The workloads both benchmark drivers run (BenchmarkDotNet and the side-by-side timer), built once each:
/// the same shapes as <c>compare.py</c> runs in PyTorch.
/// </summary>
public sealed class Workloads
{
    public const int MlpBatch = 128, CnnBatch = 64, TinyOps = 1000, LongChain = 10_000;

    public static HashMap<string, Tensor<float>> Floats(HashMap<string, Tensor<double>> p) => p.Map(Tensor.Cast<double, float>);

    /// <summary>MLP 784-256-128-10 with ReLU and softmax cross-entropy on integer labels.</summary>
    /// <summary>The compiled training step and its bindings of the `cnn` or (anything else) `mlp` workload.</summary>
    public static (ValueAndGradFunction Step, HashMap<string, Tensor<float>> Bindings) StepByName(string which) =>
        which == "cnn-bn" ? (new Cnn(batchNorm: true) is var b ? (b.Step, b.Bindings) : default)
        : which == "cnn"
            ? (new Cnn() is var c ? (c.Step, c.Bindings) : default)
            : (new Mlp() is var m ? (m.Step, m.Bindings) : default);

    public sealed class Mlp
    {
        public readonly ValueAndGradFunction Step;
        public readonly Plan Forward;
        public readonly HashMap<string, Tensor<float>> Bindings;

        public Mlp()
        {
            var (l1, l2, l3) = (new Dense("l1", 784, 256), new Dense("l2", 256, 128), new Dense("l3", 128, 10));
            var x = Variable("x", Dim.Batch, 784);
            var labels = Variable("labels", Dim.Batch);
            var logits = l3.Apply(Activations.Relu(l2.Apply(Activations.Relu(l1.Apply(x)))));
            var loss = Losses.SoftmaxCrossEntropyWithLabels(logits, labels);
            Expr[] parameters = [.. l1.Parameters, .. l2.Parameters, .. l3.Parameters];
            Step = ValueAndGrad(loss, parameters);
            Forward = Plan.Compile(loss);
            var rng = Rng.FromSeed(1);
            var p = Params.Empty;
            foreach (var layer in new[] { l1, l2, l3 }) { var (q, next) = layer.Init(rng); p = p.Union(q); rng = next; }
            Bindings = Floats(p)
                .Add("x", Tensor.Normal<float>(new Shape(MlpBatch, 784), seed: 2))
                .Add("labels", Tensor.Cast<double, float>(Tensor.FromArray([.. Enumerable.Range(0, MlpBatch).Select(i => (double)(i % 10))])));
        }
    }

    /// <summary>conv 1→8, ReLU, max-pool 2, conv 8→16, ReLU, max-pool 2 (3×3, pad 1), dense 784→10, on 28×28 images.</summary>
    public sealed class Cnn
    {
        public readonly ValueAndGradFunction Step;
        public readonly Plan Forward;
        public readonly HashMap<string, Tensor<float>> Bindings;

        /// <param name="batchNorm">Batch norm (training mode) after each convolution, at batch 128, as `purenet train --model cnn-bn`.</param>
        public Cnn(bool batchNorm = false)
        {
            var c1 = new Conv2D("c1", 1, 8, Kernel: 3, Padding: 1);
            var c2 = new Conv2D("c2", 8, 16, Kernel: 3, Padding: 1);
            var d = new Dense("d", 16 * 7 * 7, 10);
            var x = Variable("x", Dim.Batch, 1, 28, 28);
            var labels = Variable("labels", Dim.Batch);
            var (bn1, bn2) = (new BatchNorm("bn1", 8), new BatchNorm("bn2", 16));
            Expr Norm(BatchNorm bn, Expr e) => batchNorm ? bn.Apply(e, training: true).Output : e;
            var h1 = Pooling.MaxPool2D(Activations.Relu(Norm(bn1, c1.Apply(x))), 2);
            var h2 = Pooling.MaxPool2D(Activations.Relu(Norm(bn2, c2.Apply(h1))), 2);
            var logits = d.Apply(Flatten(h2));
            var loss = Losses.SoftmaxCrossEntropyWithLabels(logits, labels);
            Expr[] parameters = [.. c1.Parameters, .. c2.Parameters, .. d.Parameters, .. (batchNorm ? bn1.Parameters.Concat(bn2.Parameters) : [])];
            Step = ValueAndGrad(loss, parameters);
            Forward = Plan.Compile(loss);
            var batch = batchNorm ? 128 : CnnBatch;
            var (p1, r1) = c1.Init(Rng.FromSeed(1));
            var (p2, r2) = c2.Init(r1);
            var (p3, _) = d.Init(r2);
            var all = p1.Union(p2).Union(p3);
            if (batchNorm) all = all.Union(bn1.Init()).Union(bn2.Init());
            Bindings = Floats(all)
                .Add("x", Tensor.Normal<float>(new Shape(batch, 1, 28, 28), seed: 2))
                .Add("labels", Tensor.Cast<double, float>(Tensor.FromArray([.. Enumerable.Range(0, batch).Select(i => (double)(i % 10))])));
        }
    }

    /// <summary>A chain of n scalar ops (alternately y·1.0001 and tanh y) on one scalar.</summary>
    public static Expr Chain(Variable x, int n)
    {
        Expr y = x;
        for (var i = 0; i < n; i++) y = i % 2 == 0 ? y * 1.0001 : Tanh(y);
        return y;
    }

    public sealed class Tiny
    {
        public readonly ValueAndGradFunction Step;
        public readonly HashMap<string, Tensor<float>> Bindings;

        public Tiny()
        {
            var x = Variable("x", Shape.Scalar);
            Step = ValueAndGrad(Chain(x, TinyOps), x);
            Bindings = HashMap<string, Tensor<float>>.Empty.Add("x", Tensor.Scalar(0.5f));
        }
    }

    /// <summary>Builds an n-op chain, its gradient expression and the compiled plan: the symbolic front end's cost.</summary>
    public static ValueAndGradFunction BuildAndCompile(int n)
    {
        var x = Variable("x", Shape.Scalar);
        return ValueAndGrad(Chain(x, n), x);
    }
}
