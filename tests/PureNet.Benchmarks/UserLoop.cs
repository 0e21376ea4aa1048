using System.Diagnostics;
using PureNet;

namespace PureNet.Benchmarks;

/// <summary>
/// `userloop`: the training loop a user writes with the public API (ValueAndGrad, then Adam's step on the returned
/// tensors), MLP 784-256-128-10 at batch 128, as an application that references PureNet by project (no package
/// targets) runs it: run it as is for the default GC, and with DOTNET_GCLOHThreshold=0x400000 for the setting the
/// package brings (and purenet train has). Median step of 200 after a 3 s warm-up, and the gen-2 collections.
/// </summary>
public static class UserLoop
{
    public static void Run()
    {
        var mlp = new Workloads.Mlp();
        var names = new[] { "l1.W", "l1.b", "l2.W", "l2.b", "l3.W", "l3.b" };
        var adam = new Adam(1e-3);
        var parameters = ParamTrees.Of(mlp.Bindings.Filter((k, _) => names.Contains(k)));
        var state = adam.Init(parameters);
        var data = mlp.Bindings.Filter((k, _) => !names.Contains(k));
        void Step()
        {
            var r = mlp.Step.Invoke(parameters.Tensors.Fold(data, (m, k, v) => m.AddOrUpdate(k, v)));
            (parameters, state) = adam.Step(ParamTrees.Of(r.ByName), state, parameters);
        }
        var warm = Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 3000) Step();
        var gen2 = GC.CollectionCount(2);
        var times = Enumerable.Range(0, 200).Select(_ => { var sw = Stopwatch.StartNew(); Step(); return sw.Elapsed.TotalMilliseconds; }).Order().ToArray();
        var threshold = AppContext.GetData("GCLOHThreshold") ?? Environment.GetEnvironmentVariable("DOTNET_GCLOHThreshold") ?? "default";
        Console.WriteLine($"user_loop\tmedian {times[100]:F3} ms, 10th percentile {times[20]:F3} ms; gen-2 collections over 200 steps: {GC.CollectionCount(2) - gen2}; LOH threshold: {threshold}");
    }
}
