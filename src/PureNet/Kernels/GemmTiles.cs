using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PureNet;

/// <summary>
/// Register-tiled GEMM microkernels: C[MR×NR] (+)= Σ_p a[p]·b[p] over packed slivers of A (MR values per p) and
/// B (NR values per p). One named local per accumulator keeps them in registers; A is broadcast from memory.
/// The SIMD tiles follow one pattern: 8 or 12 rows × 2 vectors for 512-bit, 6 × 2 for 256-bit (16 ymm registers).
/// </summary>
internal static unsafe class GemmTiles
{
    public const int Rows512 = 8, Rows512Tall = 12, Rows256 = 6, RowsScalar = 4, ColsScalar = 4;

    /// <summary>8 × (2·Vector512 width) tile: 16 zmm accumulators.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Tile512<T>(int kc, T* a, T* b, T* c, nint ldc, bool accumulate) where T : unmanaged
    {
        nint w = Vector512<T>.Count;
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
        PrefetchRows(c, ldc, 8, 2 * (int)w * sizeof(T));
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + w);
            var a0 = Vector512.Create(a[0]); c00 = Fma(a0, b0, c00); c01 = Fma(a0, b1, c01);
            var a1 = Vector512.Create(a[1]); c10 = Fma(a1, b0, c10); c11 = Fma(a1, b1, c11);
            var a2 = Vector512.Create(a[2]); c20 = Fma(a2, b0, c20); c21 = Fma(a2, b1, c21);
            var a3 = Vector512.Create(a[3]); c30 = Fma(a3, b0, c30); c31 = Fma(a3, b1, c31);
            var a4 = Vector512.Create(a[4]); c40 = Fma(a4, b0, c40); c41 = Fma(a4, b1, c41);
            var a5 = Vector512.Create(a[5]); c50 = Fma(a5, b0, c50); c51 = Fma(a5, b1, c51);
            var a6 = Vector512.Create(a[6]); c60 = Fma(a6, b0, c60); c61 = Fma(a6, b1, c61);
            var a7 = Vector512.Create(a[7]); c70 = Fma(a7, b0, c70); c71 = Fma(a7, b1, c71);
            a += 8;
            b += 2 * w;
        }
        Put(c, w, c00, c01, accumulate);
        Put(c + 1 * ldc, w, c10, c11, accumulate);
        Put(c + 2 * ldc, w, c20, c21, accumulate);
        Put(c + 3 * ldc, w, c30, c31, accumulate);
        Put(c + 4 * ldc, w, c40, c41, accumulate);
        Put(c + 5 * ldc, w, c50, c51, accumulate);
        Put(c + 6 * ldc, w, c60, c61, accumulate);
        Put(c + 7 * ldc, w, c70, c71, accumulate);
    }

    /// <summary>
    /// 12 × (2·Vector512 width) tile: 24 of the 32 zmm registers accumulate, so each B load feeds 12 FMAs instead of
    /// 8 (measured on one core, L1-resident: 95% of peak against 90% for the 8-row tile).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Tile512Tall<T>(int kc, T* a, T* b, T* c, nint ldc, bool accumulate) where T : unmanaged
    {
        nint w = Vector512<T>.Count;
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
        Vector512<T> c80 = default, c81 = default, c90 = default, c91 = default, ca0 = default, ca1 = default, cb0 = default, cb1 = default;
        PrefetchRows(c, ldc, 12, 2 * (int)w * sizeof(T));
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + w);
            var a0 = Vector512.Create(a[0]); c00 = Fma(a0, b0, c00); c01 = Fma(a0, b1, c01);
            var a1 = Vector512.Create(a[1]); c10 = Fma(a1, b0, c10); c11 = Fma(a1, b1, c11);
            var a2 = Vector512.Create(a[2]); c20 = Fma(a2, b0, c20); c21 = Fma(a2, b1, c21);
            var a3 = Vector512.Create(a[3]); c30 = Fma(a3, b0, c30); c31 = Fma(a3, b1, c31);
            var a4 = Vector512.Create(a[4]); c40 = Fma(a4, b0, c40); c41 = Fma(a4, b1, c41);
            var a5 = Vector512.Create(a[5]); c50 = Fma(a5, b0, c50); c51 = Fma(a5, b1, c51);
            var a6 = Vector512.Create(a[6]); c60 = Fma(a6, b0, c60); c61 = Fma(a6, b1, c61);
            var a7 = Vector512.Create(a[7]); c70 = Fma(a7, b0, c70); c71 = Fma(a7, b1, c71);
            var a8 = Vector512.Create(a[8]); c80 = Fma(a8, b0, c80); c81 = Fma(a8, b1, c81);
            var a9 = Vector512.Create(a[9]); c90 = Fma(a9, b0, c90); c91 = Fma(a9, b1, c91);
            var a10 = Vector512.Create(a[10]); ca0 = Fma(a10, b0, ca0); ca1 = Fma(a10, b1, ca1);
            var a11 = Vector512.Create(a[11]); cb0 = Fma(a11, b0, cb0); cb1 = Fma(a11, b1, cb1);
            a += 12;
            b += 2 * w;
        }
        Put(c, w, c00, c01, accumulate);
        Put(c + 1 * ldc, w, c10, c11, accumulate);
        Put(c + 2 * ldc, w, c20, c21, accumulate);
        Put(c + 3 * ldc, w, c30, c31, accumulate);
        Put(c + 4 * ldc, w, c40, c41, accumulate);
        Put(c + 5 * ldc, w, c50, c51, accumulate);
        Put(c + 6 * ldc, w, c60, c61, accumulate);
        Put(c + 7 * ldc, w, c70, c71, accumulate);
        Put(c + 8 * ldc, w, c80, c81, accumulate);
        Put(c + 9 * ldc, w, c90, c91, accumulate);
        Put(c + 10 * ldc, w, ca0, ca1, accumulate);
        Put(c + 11 * ldc, w, cb0, cb1, accumulate);
    }

    /// <summary>6 × (2·Vector256 width) tile: 12 ymm accumulators.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Tile256<T>(int kc, T* a, T* b, T* c, nint ldc, bool accumulate) where T : unmanaged
    {
        nint w = Vector256<T>.Count;
        Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + w);
            var a0 = Vector256.Create(a[0]); c00 = Fma(a0, b0, c00); c01 = Fma(a0, b1, c01);
            var a1 = Vector256.Create(a[1]); c10 = Fma(a1, b0, c10); c11 = Fma(a1, b1, c11);
            var a2 = Vector256.Create(a[2]); c20 = Fma(a2, b0, c20); c21 = Fma(a2, b1, c21);
            var a3 = Vector256.Create(a[3]); c30 = Fma(a3, b0, c30); c31 = Fma(a3, b1, c31);
            var a4 = Vector256.Create(a[4]); c40 = Fma(a4, b0, c40); c41 = Fma(a4, b1, c41);
            var a5 = Vector256.Create(a[5]); c50 = Fma(a5, b0, c50); c51 = Fma(a5, b1, c51);
            a += 6;
            b += 2 * w;
        }
        Put(c, w, c00, c01, accumulate);
        Put(c + 1 * ldc, w, c10, c11, accumulate);
        Put(c + 2 * ldc, w, c20, c21, accumulate);
        Put(c + 3 * ldc, w, c30, c31, accumulate);
        Put(c + 4 * ldc, w, c40, c41, accumulate);
        Put(c + 5 * ldc, w, c50, c51, accumulate);
    }

    /// <summary>4 × 4 tile in plain arithmetic, for CPUs without SIMD.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void TileScalar<T>(int kc, T* a, T* b, T* c, nint ldc, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var acc = stackalloc T[RowsScalar * ColsScalar];
        for (var i = 0; i < RowsScalar * ColsScalar; i++) acc[i] = T.Zero;
        for (var p = 0; p < kc; p++)
        {
            for (var i = 0; i < RowsScalar; i++)
            {
                var ai = a[i];
                for (var j = 0; j < ColsScalar; j++) acc[i * ColsScalar + j] += ai * b[j];
            }
            a += RowsScalar;
            b += ColsScalar;
        }
        for (var i = 0; i < RowsScalar; i++)
            for (var j = 0; j < ColsScalar; j++)
                c[i * ldc + j] = accumulate ? c[i * ldc + j] + acc[i * ColsScalar + j] : acc[i * ColsScalar + j];
    }

    /// <summary>
    /// Asks for the C tile's cache lines before the k loop: when C is far larger than the caches (n ≥ 1024) its lines
    /// would otherwise miss only at the end, all at once, stalling the tile.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void PrefetchRows<T>(T* c, nint ldc, int rows, int bytes) where T : unmanaged
    {
        if (!Sse.IsSupported) return;
        for (var i = 0; i < rows; i++)
            for (var offset = 0; offset < bytes; offset += 64) Sse.Prefetch0((byte*)(c + i * ldc) + offset);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<T> Fma<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c) =>
        typeof(T) == typeof(float) ? Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>()
        : Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c) =>
        typeof(T) == typeof(float) ? Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>()
        : Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Put<T>(T* c, nint w, Vector512<T> x0, Vector512<T> x1, bool accumulate) where T : unmanaged
    {
        if (accumulate) { x0 += Vector512.Load(c); x1 += Vector512.Load(c + w); }
        x0.Store(c);
        x1.Store(c + w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Put<T>(T* c, nint w, Vector256<T> x0, Vector256<T> x1, bool accumulate) where T : unmanaged
    {
        if (accumulate) { x0 += Vector256.Load(c); x1 += Vector256.Load(c + w); }
        x0.Store(c);
        x1.Store(c + w);
    }
}
