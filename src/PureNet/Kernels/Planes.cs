namespace PureNet;

/// <summary>
/// Splits independent units of work (image planes of an NCHW tensor, rows, or runs of elements) into chunks across
/// cores; small work runs inline. Every elementwise, pooling and layout kernel goes through here, so they share one
/// threshold (the GEMM has its own, <see cref="Gemm.ParallelWork"/>).
/// </summary>
internal static class Planes
{
    /// <summary>Elements per run for elementwise work.</summary>
    public const int Run = 1 << 14;

    /// <summary>Calls <paramref name="run"/>(start, count) over consecutive runs of <paramref name="length"/> elements.</summary>
    public static void Runs(int length, Action<int, int> run) =>
        For((length + Run - 1) / Run, Run, c => run(c * Run, Math.Min(Run, length - c * Run)));

    /// <summary>Runs <paramref name="plane"/> once per plane: inline when the total work is small, else one chunk of planes per task.</summary>
    public static void For(int planes, long workPerPlane, Action<int> plane)
    {
        var total = planes * workPerPlane;
        if (total < 1 << 15) { for (var p = 0; p < planes; p++) plane(p); return; }
        var chunks = (int)Math.Min(planes, Math.Min(4L * Environment.ProcessorCount, total >> 14));
        Workers.For(chunks, c =>
        {
            for (var (p, end) = Workers.Part(planes, chunks, c); p < end; p++) plane(p);
        });
    }
}
