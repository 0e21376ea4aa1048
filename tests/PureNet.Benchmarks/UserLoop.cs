using System.Diagnostics;
using LanguageExt;
using PureNet;
using static PureNet.Fn;

namespace PureNet.Benchmarks;

/// <summary>
/// `userloop`: the training loop a user writes with the public API (ValueAndGrad, then Adam's step on the returned
/// tensors), MLP 784-256-128-10 at batch 128, as an application that references PureNet by project (no package
/// targets) runs it, so with the default GC unless DOTNET_GCLOHThreshold is set. Three loops side by side, alternated
/// round by round: the plain loop, the same loop donating each step's inputs (Optim.Step(..., donate: true)), and
/// Fit.Run on the same model, batch and optimizer (per step of a 50-step epoch, its setup excluded by timing a second
/// run against a first). Medians over rounds, and the gen-2 collections.
/// </summary>
public static class UserLoop
{
    public static void Run()
    {
        var mlp = new Workloads.Mlp();
        var names = new[] { "l1.W", "l1.b", "l2.W", "l2.b", "l3.W", "l3.b" };
        var adam = new Adam(1e-3);
        var data = mlp.Bindings.Filter((k, _) => !names.Contains(k));
        var start = ParamTrees.Of(mlp.Bindings.Filter((k, _) => names.Contains(k)));
        Func<int, double> Loop(bool donate)
        {
            var parameters = start;
            var state = adam.Init(parameters);
            return steps =>
            {
                var sw = Stopwatch.StartNew();
                for (var i = 0; i < steps; i++)
                {
                    var r = mlp.Step.Invoke(parameters.Tensors.Fold(data, (m, k, v) => m.AddOrUpdate(k, v)));
                    (parameters, state) = adam.Step(ParamTrees.Of(r.ByName), state, parameters, donate);
                }
                return sw.Elapsed.TotalMilliseconds / steps;
            };
        }
        var fit = FitLoop(start, adam);
        var loops = new (string Name, Func<int, double> PerStep)[] { ("plain", Loop(false)), ("donating", Loop(true)), ("Fit.Run", fit) };
        var warm = Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 3000) foreach (var l in loops) l.PerStep(50);
        var times = loops.Select(_ => new List<double>()).ToArray();
        var gen2 = new int[loops.Length];
        for (var round = 0; round < 9; round++)
            for (var i = 0; i < loops.Length; i++)
            {
                var g = GC.CollectionCount(2);
                times[i].Add(loops[i].PerStep(50));
                gen2[i] += GC.CollectionCount(2) - g;
            }
        var threshold = AppContext.GetData("GCLOHThreshold") ?? Environment.GetEnvironmentVariable("DOTNET_GCLOHThreshold") ?? "default";
        var fitMs = times[2].Order().ElementAt(4);
        for (var i = 0; i < loops.Length; i++)
        {
            var ms = times[i].Order().ElementAt(4);
            Console.WriteLine($"user_loop_{loops[i].Name}\t{ms:F3}\tms per step (median of 9 rounds of 50), {ms / fitMs:F2}× Fit.Run; gen-2 collections over 450 steps: {gen2[i]}; LOH threshold: {threshold}");
        }
    }

    /// <summary>Fit.Run's time per step on the workload's batch repeated into a 50-batch epoch: (two epochs − one epoch) / 50, so compiling and checking are left out.</summary>
    static Func<int, double> FitLoop(ParamTree<float> start, IGradientTransform adam)
    {
        var (l1, l2, l3) = (new Dense("l1", 784, 256), new Dense("l2", 256, 128), new Dense("l3", 128, 10));
        var x = Variable("x", Dim.Batch, 784);
        var labels = Variable("labels", Dim.Batch);
        var model = Model.Of(x, labels, [.. l1.Parameters, .. l2.Parameters, .. l3.Parameters], _ =>
        {
            var logits = l3.Apply(Activations.Relu(l2.Apply(Activations.Relu(l1.Apply(x)))));
            return new StepGraph(Losses.SoftmaxCrossEntropyWithLabels(logits, labels), Output: logits);
        });
        const int rows = 50 * Workloads.MlpBatch;
        var xs = Tensor.Normal<float>(new Shape(rows, 784), seed: 2);
        var ys = Tensor.FromArray<float>(new Shape(rows), [.. Enumerable.Range(0, rows).Select(i => (float)(i % 10))]);
        var dataset = new Dataset<float>(xs, ys);
        double Epochs(int n)
        {
            var sw = Stopwatch.StartNew();
            Fit.Run(model, start, adam, dataset, new FitOptions(Epochs: n, BatchSize: Workloads.MlpBatch, Seed: 1));
            return sw.Elapsed.TotalMilliseconds;
        }
        return steps => (Epochs(1 + steps / 50) - Epochs(1)) / (steps / 50 * 50);
    }
}
