using System.Diagnostics;
using static PureNet.Fn;

namespace PureNet.Benchmarks;

/// <summary>
/// `chain` times the symbolic front end's phases on n-op chains (n = 5k…40k): building the chain, its gradient
/// expression, and compiling the plan, each the fastest of five rounds, with the ratio to half the length (2.00 is
/// linear), the bytes each phase allocates per op, the GC pauses, and the thread's CPU time (steadier than wall time on a
/// shared machine; with DOTNET_gcConcurrent=0 it includes every collection, which then runs on this thread).
/// </summary>
public static class ChainPhases
{
    public static void Run()
    {
        for (var i = 0; i < 5; i++) Workloads.BuildAndCompile(5_000);          // warm up the JIT
        double[] previous = [];
        var previousCpu = 0.0;
        foreach (var n in new[] { 5_000, 10_000, 20_000, 40_000 })
        {
            double[] best = [double.MaxValue, double.MaxValue, double.MaxValue], gc = new double[3];
            long[] bytes = new long[3];
            var cpu = double.MaxValue;
            for (var round = 0; round < 5; round++)
            {
                var x = Variable("x", Shape.Scalar);
                Expr chain = x, grad = x;
                Action[] phases =
                [
                    () => chain = Workloads.Chain(x, n),
                    () => grad = Grad(chain, x),
                    () => Plan.Compile([chain, grad], PlanOptions.Default, forwardOutputs: 1),
                ];
                var cpuBefore = ThreadCpu.Milliseconds();
                for (var p = 0; p < phases.Length; p++)
                {
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    var paused = GC.GetTotalPauseDuration();
                    var sw = Stopwatch.StartNew();
                    phases[p]();
                    var ms = sw.Elapsed.TotalMilliseconds;
                    if (ms < best[p]) (best[p], gc[p]) = (ms, (GC.GetTotalPauseDuration() - paused).TotalMilliseconds);
                    bytes[p] = GC.GetAllocatedBytesForCurrentThread() - before;
                }
                cpu = Math.Min(cpu, ThreadCpu.Milliseconds() - cpuBefore);
            }
            var cpuRatio = previous.Length == 0 ? "" : $" (ratio {cpu / previousCpu:F2})";
            var ratios = previous.Length == 0 ? "" : $"; ratio to n/2: {string.Join(", ", best.Select((b, p) => $"{b / previous[p]:F2}"))}, total {best.Sum() / previous.Sum():F2}";
            Console.WriteLine($"n={n,6}: build {best[0],7:F2} ms, grad {best[1],7:F2} ms, compile {best[2],7:F2} ms, total {best.Sum(),7:F2} ms{ratios}");
            Console.WriteLine($"          bytes per op: build {bytes[0] / n}, grad {bytes[1] / n}, compile {bytes[2] / n}; GC pauses in the fastest rounds: {gc[0]:F1}, {gc[1]:F1}, {gc[2]:F1} ms");
            Console.WriteLine($"          CPU time of build + grad + compile on this thread, fastest round: {cpu:F2} ms{cpuRatio}");
            (previous, previousCpu) = (best, cpu);
        }
    }
}
