using System.Runtime.InteropServices;

namespace PureNet.Benchmarks;

/// <summary>
/// CPU time of the calling thread (Linux clock_gettime(CLOCK_THREAD_CPUTIME_ID)): on a machine other processes
/// share, a single-threaded kernel's CPU time still says what the kernel costs, where wall time does not.
/// </summary>
public static partial class ThreadCpu
{
    [StructLayout(LayoutKind.Sequential)]
    struct TimeSpec { public long Seconds, Nanoseconds; }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    const int ThreadCpuTimeId = 3;

    public static double Milliseconds()
    {
        ClockGetTime(ThreadCpuTimeId, out var t);
        return t.Seconds * 1e3 + t.Nanoseconds / 1e6;
    }

    /// <summary>The fewest CPU milliseconds one call of <paramref name="f"/> took over <paramref name="calls"/> calls, after a 2 s warm-up.</summary>
    public static double Best(Action f, int calls = 200)
    {
        var warm = System.Diagnostics.Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 2000) f();
        var best = double.MaxValue;
        for (var i = 0; i < calls; i++)
        {
            var t = Milliseconds();
            f();
            best = Math.Min(best, Milliseconds() - t);
        }
        return best;
    }
}
