using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;

namespace PureNet.Benchmarks;

/// <summary>
/// The quick timer behind compare.py: warms each workload up (tier-1 JIT), then takes the median of 7 rounds of at
/// least 40 ms, and prints one tab-separated line per workload: key, milliseconds per call, and a note.
/// </summary>
public static class SideBySide
{
    /// <summary>Only the compiled training step of one workload: the quick before/after check while tuning its kernels.</summary>
    public static void Step(string which)
    {
        var (f, bindings) = Workloads.StepByName(which);
        var (name, step) = (which == "mlp" ? "mlp_step" : which.Replace("-", "_") + "_step", (Action)(() => f.Invoke(bindings)));
        // CPU time per step next to wall time: on a loaded machine the CPU time still says what the kernels cost.
        for (var i = 0; i < 3; i++)
        {
            var ms = Time(step);
            var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            for (var k = 0; k < 50; k++) step();
            cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine(Line(name, ms, $"round {i + 1}; {cpu.TotalMilliseconds / 50:F2} ms CPU per step (50 steps, all threads)"));
        }
    }

    public static void Run(int threads)
    {
        Console.WriteLine($"cpu\t{Cpu()}\t{(Vector512.IsHardwareAccelerated ? "avx512" : Vector256.IsHardwareAccelerated ? "avx2" : "scalar")}");
        Console.WriteLine(Line("fma_peak_gflops", FmaPeak.GFlops(threads), "float, all threads"));
        Gemms();
        // One thread against one thread's peak, best of five alternations: the kernel's efficiency with less noise from other processes.
        var (pa, pla, pb, plb, pc) = GemmShape.All[1].Buffers();
        double peak1 = 0, gemm1 = 0;
        for (var i = 0; i < 5; i++)
        {
            peak1 = Math.Max(peak1, FmaPeak.GFlops(1, 2_000_000));
            gemm1 = Math.Max(gemm1, GemmShape.All[1].Flops / Time(() => Gemm.Multiply<float>(pa, pla, pb, plb, pc, MatrixLayout.RowMajor(512, 512), parallel: false), rounds: 3) / 1e6);
        }
        Console.WriteLine(Line("sgemm_1thread_n512_pct_of_peak", 100 * gemm1 / peak1, $"{gemm1:F0} of {peak1:F0} GFLOP/s on one thread"));
        var mlp = new Workloads.Mlp();
        Console.WriteLine(Line("mlp_step", Time(() => mlp.Step.Invoke(mlp.Bindings)), Allocated(() => mlp.Step.Invoke(mlp.Bindings))));
        Console.WriteLine(Line("mlp_forward", Time(() => mlp.Forward.Run(mlp.Bindings)), Allocated(() => mlp.Forward.Run(mlp.Bindings))));
        var cnn = new Workloads.Cnn();
        Console.WriteLine(Line("cnn_step", Time(() => cnn.Step.Invoke(cnn.Bindings)), Allocated(() => cnn.Step.Invoke(cnn.Bindings))));
        Console.WriteLine(Line("cnn_forward", Time(() => cnn.Forward.Run(cnn.Bindings)), Allocated(() => cnn.Forward.Run(cnn.Bindings))));
        var tiny = new Workloads.Tiny();
        Console.WriteLine(Line("tiny_op_us", Time(() => tiny.Step.Invoke(tiny.Bindings)) * 1000 / Workloads.TinyOps, "per op, forward + backward"));
        var build10 = Time(() => Workloads.BuildAndCompile(Workloads.LongChain), rounds: 3);
        var build20 = Time(() => Workloads.BuildAndCompile(2 * Workloads.LongChain), rounds: 3);
        var build40 = Time(() => Workloads.BuildAndCompile(4 * Workloads.LongChain), rounds: 3);
        Console.WriteLine(Line("chain10k_build_compile", build10, $"20k/10k = {build20 / build10:F2}, 40k/20k = {build40 / build20:F2} (2.00 is linear)"));
    }

    /// <summary>Every GEMM shape of <see cref="GemmShape.All"/> on all cores; `gemm [best]` runs only these (best: the fastest round instead of the median, for a busy machine).</summary>
    public static void Gemms(bool best = false)
    {
        foreach (var g in GemmShape.All)
        {
            var (a, la, b, lb, c) = g.Buffers();
            var lc = MatrixLayout.RowMajor(g.M, g.N);
            var ms = Time(() => Gemm.Multiply<float>(a, la, b, lb, c, lc), best: best);
            Console.WriteLine(Line($"sgemm_{g.Name}", ms, $"{g.Flops / ms / 1e6:F1} GFLOP/s"));
        }
        if (!best) return;
        // One thread by its own CPU time: the kernel's efficiency even while other processes take the cores.
        var peak = FmaPeak.GFlops(1, 2_000_000);
        foreach (var g in GemmShape.All.Take(6))
        {
            var (a, la, b, lb, c) = g.Buffers();
            var cpu = ThreadCpu.Best(() => Gemm.Multiply<float>(a, la, b, lb, c, MatrixLayout.RowMajor(g.M, g.N), parallel: false), calls: 20);
            Console.WriteLine(Line($"sgemm_1thread_cpu_{g.Name}", cpu, $"{g.Flops / cpu / 1e6:F1} GFLOP/s = {100 * g.Flops / cpu / 1e6 / peak:F0}% of one core ({peak:F0})"));
        }
    }

    static string Line(string key, double value, string note) => $"{key}\t{value.ToString("G6", CultureInfo.InvariantCulture)}\t{note}";

    static string Allocated(Action f)
    {
        f();
        var before = GC.GetAllocatedBytesForCurrentThread();
        f();
        return $"{GC.GetAllocatedBytesForCurrentThread() - before} B allocated per call (calling thread)";
    }

    /// <summary>
    /// Median milliseconds per call, in the steady state: the warm-up lasts 3 s because the runtime moves methods from
    /// quick tier-0 code to optimised tier-1 code only after they have run for a while (100 ms after the last new
    /// method, then in the background); after 0.3 s the MLP step still ran partly at tier 0 (2.4 ms instead of 1.2 ms).
    /// </summary>
    public static double Time(Action f, int rounds = 7, bool best = false)
    {
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < 3 || warm.ElapsedMilliseconds < 3000; i++) f();
        var perRound = 1;
        var probe = Stopwatch.StartNew();
        f();
        var once = Math.Max(probe.Elapsed.TotalMilliseconds, 1e-4);
        perRound = Math.Max(1, (int)(40 / once));
        var samples = new double[rounds];
        for (var r = 0; r < rounds; r++)
        {
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < perRound; i++) f();
            samples[r] = sw.Elapsed.TotalMilliseconds / perRound;
        }
        Array.Sort(samples);
        return best ? samples[0] : samples[rounds / 2];
    }

    static string Cpu() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";
}
