using System.Diagnostics;

namespace PureNet.Benchmarks;

/// <summary>
/// `busy`: SGEMM at n = 512 and 1024 on one core and on all cores, first on the quiet machine, then while a child process
/// spins on one core (as another program, or a hypervisor taking a core, would). Issue 22 asks that all cores are never
/// slower than one, busy or not, and that two cores give at least 1.7× one on a quiet machine. The two sides alternate
/// round by round so a change in the machine's load falls on both; the median of the rounds is reported.
/// </summary>
public static class BusyMachine
{
    public static void Run()
    {
        foreach (var busy in new[] { false, true })
        {
            using var spinner = busy ? Spinner() : null;
            if (busy) Thread.Sleep(200);                        // let the spinner reach its core
            foreach (var g in GemmShape.All.Where(g => g.Name is "n512" or "n1024" or "mlp_fwd_128x784x256"))
            {
                var (a, la, b, lb, c) = g.Buffers();
                var lc = MatrixLayout.RowMajor(g.M, g.N);
                Action single = () => Gemm.Multiply<float>(a, la, b, lb, c, lc, parallel: false), shared = () => Gemm.Multiply<float>(a, la, b, lb, c, lc);
                SideBySide.Time(single, rounds: 1);                 // tier both up (3 s each)
                SideBySide.Time(shared, rounds: 1);
                var (one, all) = (new List<double>(), new List<double>());
                for (var round = 0; round < 7; round++)
                {
                    one.Add(g.Flops / Round(single) / 1e6);
                    all.Add(g.Flops / Round(shared) / 1e6);
                }
                var (m1, mAll) = (one.Order().ElementAt(3), all.Order().ElementAt(3));
                Console.WriteLine($"sgemm_{g.Name}_{(busy ? "busy" : "quiet")}\t{mAll / m1:F2}\t{Workers.Count} cores / one core: " +
                                  $"{mAll:F0} / {m1:F0} GFLOP/s (medians of 7 alternating rounds){(busy ? "; a child process spins on one core" : "")}");
            }
        }
    }

    /// <summary>Milliseconds per call over a round of about 100 ms.</summary>
    static double Round(Action f)
    {
        var sw = Stopwatch.StartNew();
        var calls = 0;
        while (sw.ElapsedMilliseconds < 100) { f(); calls++; }
        return sw.Elapsed.TotalMilliseconds / calls;
    }

    /// <summary>A child process that keeps one core busy until it is disposed (killed).</summary>
    static SpinnerProcess Spinner() => new(Process.Start(new ProcessStartInfo("sh", ["-c", "while :; do :; done"]) { UseShellExecute = false })
        ?? throw new InvalidOperationException("could not start the spinning child process"));

    sealed class SpinnerProcess(Process p) : IDisposable
    {
        public void Dispose() { p.Kill(); p.WaitForExit(); p.Dispose(); }
    }
}
