using System.Collections.Concurrent;

namespace PureNet;

/// <summary>
/// Arrays of donated tensors, kept for the next results of the same length. Only arrays the GC would put on the
/// large-object heap are kept: allocating those afresh every training step is what forces gen-2 collections (a
/// user's Adam loop ran 1.5× slower with the default GC settings), while small arrays die young and cost little.
/// At most <see cref="MaxBytes"/> are kept per element type; the rest are left to the GC.
/// </summary>
internal static class LargeBuffers<T> where T : unmanaged
{
    /// <summary>The runtime's default large-object threshold: arrays from 85,000 bytes on.</summary>
    public static readonly int MinLength = 85_000 / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    const long MaxBytes = 256L * 1024 * 1024;
    static readonly ConcurrentDictionary<int, ConcurrentBag<T[]>> Free = new();
    static long kept;

    /// <summary>An array of exactly <paramref name="length"/> elements, contents unspecified: a donated one if there is one.</summary>
    public static T[] Rent(int length)
    {
        if (length >= MinLength && Free.TryGetValue(length, out var bag) && bag.TryTake(out var a))
        {
            Interlocked.Add(ref kept, -Bytes(a));
            return a;
        }
        return GC.AllocateUninitializedArray<T>(length);
    }

    /// <summary>Keeps a donated array for a later <see cref="Rent"/> (nothing else may hold it).</summary>
    public static void Return(T[] array)
    {
        if (array.Length < MinLength || Interlocked.Add(ref kept, Bytes(array)) > MaxBytes)
        {
            if (array.Length >= MinLength) Interlocked.Add(ref kept, -Bytes(array));
            return;
        }
        Free.GetOrAdd(array.Length, _ => []).Add(array);
    }

    /// <summary>How many bytes are kept now (for tests).</summary>
    internal static long Kept => Interlocked.Read(ref kept);

    static long Bytes(T[] a) => (long)a.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
}
