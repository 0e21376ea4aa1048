using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using PureNet;

namespace PureNet.Benchmarks;

/// <summary>
/// One optimizer step over the parameters of the MLP 784-256-128-10 (235,146 floats): Adam's update alone, and
/// update + apply (what torch.optim.Adam.step does in place). Compare with optim_step.py run right after.
/// Two jobs: the default GC, where every array over 85 kB (l1.W's update is 784 kB) goes to the large-object heap
/// and a fresh one each step soon forces a gen-2 collection, and DOTNET_GCLOHThreshold = 4 MB, where they stay in gen 0.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(LargeObjectHeapJobs))]
public class OptimizerBenchmarks
{
    static readonly (string Name, int[] Shape)[] MlpShapes =
        [("l1.W", [784, 256]), ("l1.b", [256]), ("l2.W", [256, 128]), ("l2.b", [128]), ("l3.W", [128, 10]), ("l3.b", [10])];

    readonly Adam adam = new(1e-3);
    readonly Momentum momentum = new(1e-2, 0.9);
    ParamTree<float> parameters = ParamTree<float>.Empty, grads = ParamTree<float>.Empty;
    OptState<float> adamState = OptState<float>.Empty, momentumState = OptState<float>.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var rng = Rng.FromSeed(1);
        foreach (var (name, shape) in MlpShapes)
        {
            (var p, rng) = Tensor.Normal<float>(new Shape(shape), rng, 0, 0.05);
            (var g, rng) = Tensor.Normal<float>(new Shape(shape), rng, 0, 1e-3);
            (parameters, grads) = (parameters.With(name, p), grads.With(name, g));
        }
        (_, adamState) = adam.Update(grads, adam.Init(parameters), parameters);   // past the first step, as torch's timing is
        (_, momentumState) = momentum.Update(grads, momentum.Init(parameters), parameters);
    }

    [Benchmark] public object AdamUpdate() => adam.Update(grads, adamState, parameters);
    [Benchmark] public object AdamStep() => adam.Step(grads, adamState, parameters);
    [Benchmark] public object MomentumStep() => momentum.Step(grads, momentumState, parameters);
}

/// <summary>The default GC and one with the large-object threshold raised to 4 MB (an application setting: runtimeconfig System.GC.LOHThreshold).</summary>
public sealed class LargeObjectHeapJobs : ManualConfig
{
    public LargeObjectHeapJobs()
    {
        AddJob(Job.Default.WithId("default GC"));
        AddJob(Job.Default.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_GCLOHThreshold", "0x400000")).WithId("LOH threshold 4 MB"));
    }
}
