using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PureNet;

/// <summary>
/// The float 2×2 stride-2 pooling rows in 256-bit vectors, four windows per step, branch-free (ReLU outputs make the
/// scalar comparisons unpredictable). A window's two columns are lanes 2j and 2j + 1; swapping neighbouring lanes puts
/// a window's other column beside it, so the even lanes see the comparisons in the scalar loop's order: the same
/// results, ties and NaNs included. Returns how many windows of the row it did; the caller finishes the rest.
/// </summary>
internal static class Pool2x2Simd
{
    static readonly Vector256<int> SwapPairs = Vector256.Create(1, 0, 3, 2, 5, 4, 7, 6);
    static readonly Vector256<int> Spread = Vector256.Create(0, 0, 1, 1, 2, 2, 3, 3);
    const int Windows = 4;

    public static bool Supported<T>() => typeof(T) == typeof(float) && Vector256.IsHardwareAccelerated;

    public static int MaxRow<T>(ReadOnlySpan<T> top, ReadOnlySpan<T> bottom, Span<T> y) where T : unmanaged
    {
        var t = MemoryMarshal.Cast<T, float>(top);
        var b = MemoryMarshal.Cast<T, float>(bottom);
        var o = MemoryMarshal.Cast<T, float>(y);
        var j = 0;
        for (; j + Windows <= o.Length && 2 * j + 8 <= t.Length; j += Windows) MaxStep(t, b, o, j);
        // The last windows of the row again in one overlapping step: it writes what it computes, so repeats are harmless.
        if (j < o.Length && j >= Windows && 2 * o.Length <= t.Length) { MaxStep(t, b, o, o.Length - Windows); j = o.Length; }
        return j;
    }

    static void MaxStep(ReadOnlySpan<float> t, ReadOnlySpan<float> b, Span<float> o, int j)
    {
        var up = Vector256.Create(t.Slice(2 * j, 8));
        var down = Vector256.Create(b.Slice(2 * j, 8));
        var m = Take(up, Vector256.Shuffle(up, SwapPairs));
        m = Take(m, down);
        m = Take(m, Vector256.Shuffle(down, SwapPairs));
        for (var k = 0; k < Windows; k++) o[j + k] = m.GetElement(2 * k);
    }

    /// <summary>v where v &gt; m or v is NaN, else m: one step of the scalar loop, per lane.</summary>
    static Vector256<float> Take(Vector256<float> m, Vector256<float> v) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(v, m) | ~Vector256.Equals(v, v), v, m);

    /// <summary>(a, b, c, d) → (a, a, b, b, c, c, d, d): one window's value beside each of its two columns.</summary>
    static Vector256<float> Pairs(Vector128<float> four) => Vector256.Shuffle(Vector256.Create(four, four), Spread);

    /// <summary>With <paramref name="relu"/>, cells where x ≤ 0 get 0 (ReLU's gradient joined to the pooling's).</summary>
    public static int MaxGradRow<T>(ReadOnlySpan<T> top, ReadOnlySpan<T> bottom, ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dTop, Span<T> dBottom, bool relu) where T : unmanaged
    {
        var t = MemoryMarshal.Cast<T, float>(top);
        var b = MemoryMarshal.Cast<T, float>(bottom);
        var ys = MemoryMarshal.Cast<T, float>(y);
        var gs = MemoryMarshal.Cast<T, float>(g);
        var dt = MemoryMarshal.Cast<T, float>(dTop);
        var db = MemoryMarshal.Cast<T, float>(dBottom);
        var j = 0;
        for (; j + Windows <= ys.Length && 2 * j + 8 <= t.Length; j += Windows) MaxGradStep(t, b, ys, gs, dt, db, j, relu);
        // The last windows of the row again in one overlapping step: it writes (not adds), so repeats are harmless.
        if (j < ys.Length && j >= Windows && 2 * ys.Length <= t.Length) { MaxGradStep(t, b, ys, gs, dt, db, ys.Length - Windows, relu); j = ys.Length; }
        return j;
    }

    static void MaxGradStep(ReadOnlySpan<float> t, ReadOnlySpan<float> b, ReadOnlySpan<float> ys, ReadOnlySpan<float> gs, Span<float> dt, Span<float> db, int j, bool relu)
    {
        var m = Pairs(Vector128.Create(ys.Slice(j, Windows)));
        var gv = Pairs(Vector128.Create(gs.Slice(j, Windows)));
        var up = Vector256.Create(t.Slice(2 * j, 8));
        var down = Vector256.Create(b.Slice(2 * j, 8));
        var (isUp, isDown) = (Vector256.Equals(up, m), Vector256.Equals(down, m));
        var column = (isUp & Vector256<float>.One) + (isDown & Vector256<float>.One);
        var ties = column + Vector256.Shuffle(column, SwapPairs);
        var none = Vector256.Equals(ties, Vector256<float>.Zero);
        var share = Vector256.ConditionalSelect(none, Vector256.Create(float.NaN), gv / ties);
        var (liveUp, liveDown) = relu
            ? (~Vector256.LessThanOrEqual(up, Vector256<float>.Zero), ~Vector256.LessThanOrEqual(down, Vector256<float>.Zero))
            : (Vector256<float>.AllBitsSet, Vector256<float>.AllBitsSet);
        Vector256.ConditionalSelect((isUp | none) & liveUp, share, Vector256<float>.Zero).CopyTo(dt.Slice(2 * j, 8));
        Vector256.ConditionalSelect((isDown | none) & liveDown, share, Vector256<float>.Zero).CopyTo(db.Slice(2 * j, 8));
    }
}
