namespace PureNet;

/// <summary>Splits per-image-plane work (one plane = one (n, c) of an NCHW tensor) into chunks across cores.</summary>
internal static class Planes
{
    /// <summary>Runs <paramref name="plane"/> once per plane: inline when the total work is small, else one chunk of planes per task.</summary>
    public static void For(int planes, long workPerPlane, Action<int> plane)
    {
        var total = planes * workPerPlane;
        if (total < 1 << 15) { for (var p = 0; p < planes; p++) plane(p); return; }
        var chunks = (int)Math.Min(planes, Math.Min(4L * Environment.ProcessorCount, total >> 14));
        Parallel.For(0, chunks, c =>
        {
            for (int p = (int)((long)planes * c / chunks), end = (int)((long)planes * (c + 1) / chunks); p < end; p++) plane(p);
        });
    }
}
