using BenchmarkDotNet.Attributes;

namespace PureNet.Benchmarks;

/// <summary>SGEMM and DGEMM through the packed kernel at the side-by-side sizes.</summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    [ParamsSource(nameof(Names))]
    public string Shape { get; set; } = "n512";

    public static IEnumerable<string> Names => GemmShape.All.Select(g => g.Name);

    float[] a = [], b = [], c = [];
    double[] ad = [], bd = [], cd = [];
    MatrixLayout la, lb, lc;

    [GlobalSetup]
    public void Setup()
    {
        var g = GemmShape.All.Single(s => s.Name == Shape);
        (a, la, b, lb, c) = g.Buffers();
        lc = MatrixLayout.RowMajor(g.M, g.N);
        (ad, bd, cd) = ([.. a.Select(v => (double)v)], [.. b.Select(v => (double)v)], new double[c.Length]);
    }

    [Benchmark] public void Sgemm() => Gemm.Multiply<float>(a, la, b, lb, c, lc);
    [Benchmark] public void Dgemm() => Gemm.Multiply<double>(ad, la, bd, lb, cd, lc);
}

/// <summary>Training steps (loss and gradients) and forward passes of the MLP and the CNN, the tiny-op chain, and the front end.</summary>
[MemoryDiagnoser]
public class ModelBenchmarks
{
    readonly Workloads.Mlp mlp = new();
    readonly Workloads.Cnn cnn = new();
    readonly Workloads.Tiny tiny = new();

    [Benchmark] public object MlpStep() => mlp.Step.Invoke(mlp.Bindings);
    [Benchmark] public object MlpForward() => mlp.Forward.Run(mlp.Bindings);
    [Benchmark] public object CnnStep() => cnn.Step.Invoke(cnn.Bindings);
    [Benchmark] public object CnnForward() => cnn.Forward.Run(cnn.Bindings);
    [Benchmark(OperationsPerInvoke = Workloads.TinyOps)] public object TinyOpForwardBackward() => tiny.Step.Invoke(tiny.Bindings);
    [Benchmark] public object Chain10kBuildAndCompile() => Workloads.BuildAndCompile(Workloads.LongChain);
}

/// <summary>The FMA peak as a benchmark, for % of peak in the same run.</summary>
public class PeakBenchmark
{
    [Benchmark] public double FmaPeakGFlops() => FmaPeak.GFlops(Environment.ProcessorCount, 2_000_000);
}
