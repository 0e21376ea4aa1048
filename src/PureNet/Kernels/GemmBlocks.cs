using System.Buffers;
using System.Numerics;

namespace PureNet;

/// <summary>
/// The blocked loops of the GEMM. For each panel of C's columns (NC wide) and each KC-step of each term's inner
/// dimension: B's KC×NC panel is packed once, then blocks of A's rows are packed and run through the register tiles,
/// each A sliver in L1 while the panel's B slivers stream from L2. A wide C is shared among the cores by columns (no
/// meeting until the end); a narrow one by rows within each panel, where B's panel is packed by all cores into a
/// buffer they share and the cores meet twice per panel, so each meeting must be cheap: see <see cref="Workers"/>.
/// </summary>
internal static unsafe class GemmBlocks
{
    [ThreadStatic] static object? scratch;

    /// <summary>
    /// C = Σ_{t in first..last} A_t·B_t (C overwritten); all terms share m, n and k. A C wide enough is shared among the
    /// cores by columns: each chunk of columns is a whole GEMM of its own (its own B panels, packed into and read from
    /// its core's cache alone, against every row of A), so the cores never wait for each other until the end, and a
    /// core that falls behind leaves its remaining chunks to the others. Each chunk packs A again; with chunks at
    /// least two slivers wide that costs m·k against the chunk's m·k·64 multiply-adds.
    /// </summary>
    public static void Run<T>(Operands<T> x, int first, int last, T* c, MatrixLayout lc, Tiling t, bool parallel) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (m, n, k) = (lc.Rows, lc.Cols, x.K);
        if (m == 0 || n == 0) return;
        if (k == 0 || first == last)
        {
            for (var i = 0; i < m; i++) new Span<T>(c + lc.Offset + (nint)i * lc.RowStride, n).Clear();
            return;
        }
        var nSlivers = (n + t.Nr - 1) / t.Nr;
        var cores = Workers.Count;
        if (!parallel || cores == 1 || (long)m * n * k * (last - first) < Gemm.ParallelWork || nSlivers < 2 * cores)
        {
            Columns(x, first, last, c, lc, t, 0, n, parallel);
            return;
        }
        // At least two chunks per core (a late core then costs at most half its share), more where B's panels need them.
        var panels = (nSlivers + t.ColSlivers - 1) / t.ColSlivers;
        var chunks = Math.Min(nSlivers / 2, (Math.Max(2 * cores, panels) + cores - 1) / cores * cores);
        nint xc = (nint)c;
        Workers.For(chunks, i =>
        {
            var (u0, u1) = Workers.Part(nSlivers, chunks, i);
            Columns(x, first, last, (T*)xc, lc, t, u0 * t.Nr, Math.Min(n, u1 * t.Nr), parallel: false);
        });
    }

    /// <summary>C's columns j0..j1 = Σ_t A_t·B_t over them: for each NC-wide panel and KC step, B's panel packed once, then every block of A's rows.</summary>
    static void Columns<T>(Operands<T> x, int first, int last, T* c, MatrixLayout lc, Tiling t, int j0, int j1, bool parallel) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (m, k) = (lc.Rows, x.K);
        var nc = t.ColSlivers * t.Nr;
        var step = t.StepFor(k);
        var bBuf = ArrayPool<T>.Shared.Rent(nc * step);
        try
        {
            fixed (T* bp = bBuf)
                for (var jp = j0; jp < j1; jp += nc)
                {
                    var cols = Math.Min(nc, j1 - jp);
                    var accumulate = false;
                    for (var term = first; term < last; term++)
                        for (var p0 = 0; p0 < k; p0 += step)
                        {
                            var kc = Math.Min(step, k - p0);
                            Panel(x.A, x.TermA(term).Block(0, m, p0, kc), x.B, x.TermB(term).Block(p0, kc, jp, cols), bp, c, lc.Block(0, m, jp, cols), t, accumulate, parallel);
                            accumulate = true;
                        }
                }
        }
        finally { ArrayPool<T>.Shared.Return(bBuf); }
    }

    /// <summary>C (+)= A·B for one m×kc block of A and one kc×nc panel of B.</summary>
    static void Panel<T>(T* a, MatrixLayout la, T* b, MatrixLayout lb, T* bp, T* c, MatrixLayout lc, Tiling t, bool accumulate, bool parallel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (m, kc, n) = (la.Rows, la.Cols, lb.Cols);
        var nSlivers = (n + t.Nr - 1) / t.Nr;
        var mSlivers = (m + t.Mr - 1) / t.Mr;
        var cores = Workers.Count;
        if (!parallel || cores == 1 || (long)m * n * kc < Gemm.ParallelWork)
        {
            GemmPack.B(b, lb, t.Nr, 0, nSlivers, bp);
            for (var s = 0; s < mSlivers; s += t.RowSlivers)
                Rows(a, la, bp, 0, nSlivers, c, lc, t, s, Math.Min(mSlivers, s + t.RowSlivers), accumulate);
            return;
        }
        nint xa = (nint)a, xb = (nint)b, xbp = (nint)bp, xc = (nint)c;
        if (mSlivers <= 2 * t.RowSlivers && nSlivers >= cores)
        {
            // Few rows (a batch of 128): each core packs its own columns of B and reads only those, so no B line
            // crosses between cores' caches (reading B slivers another core just packed cost more than the split saved:
            // 1.1× on two cores against 1.7× for tall A). A is packed by each core; it is small here.
            Workers.For(cores, i =>
            {
                var (u0, u1) = Workers.Part(nSlivers, cores, i);
                GemmPack.B((T*)xb, lb, t.Nr, u0, u1, (T*)xbp + (nint)u0 * t.Nr * kc);
                Rows((T*)xa, la, (T*)xbp, u0, u1, (T*)xc, lc, t, 0, mSlivers, accumulate);
            });
            return;
        }
        var packs = Math.Min(nSlivers, cores);
        Workers.For(packs, i =>
        {
            var (s0, s1) = Workers.Part(nSlivers, packs, i);
            GemmPack.B((T*)xb, lb, t.Nr, s0, s1, (T*)xbp + (nint)s0 * t.Nr * kc);
        });
        // Blocks of about RowSlivers slivers, in a multiple of the core count so no core waits for a last odd block.
        // An A too short to give every core a block (a small batch) is split along the panel's columns as well: each
        // such task packs the same few rows of A again, which is cheap because they are few.
        var blocks = Math.Min(mSlivers, ((mSlivers + t.RowSlivers - 1) / t.RowSlivers + cores - 1) / cores * cores);
        var columnParts = Math.Min(nSlivers, (cores + blocks - 1) / blocks);
        Workers.For(blocks * columnParts, i =>
        {
            var (s0, s1) = Workers.Part(mSlivers, blocks, i / columnParts);
            var (u0, u1) = Workers.Part(nSlivers, columnParts, i % columnParts);
            Rows((T*)xa, la, (T*)xbp, u0, u1, (T*)xc, lc, t, s0, s1, accumulate);
        });
    }

    /// <summary>
    /// Row slivers s0..s1 against column slivers u0..u1 of the packed B panel: packs the rows from A into this
    /// thread's buffer (taken while in use, so a re-entrant call could never share it), then runs every tile.
    /// </summary>
    static void Rows<T>(T* a, MatrixLayout la, T* bp, int u0, int u1, T* c, MatrixLayout lc, Tiling t, int s0, int s1, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var length = (s1 - s0) * t.Mr * la.Cols;
        var own = scratch as T[];
        scratch = null;
        if (own is null || own.Length < length) own = new T[Math.Max(length, t.RowSlivers * t.Mr * t.Kc)];
        try
        {
            fixed (T* ap = own)
            {
                GemmPack.A(a, la, t.Mr, s0, s1, ap);
                Tiles(ap, la.Rows, la.Cols, bp, u0, u1, c, lc, t, s0, s1, accumulate);
            }
        }
        finally { scratch = own; }
    }

    /// <summary>Every tile of row slivers s0..s1 (packed at ap) × column slivers u0..u1 (packed at bp).</summary>
    static void Tiles<T>(T* ap, int m, int kc, T* bp, int u0, int u1, T* c, MatrixLayout lc, Tiling t, int s0, int s1, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var n = lc.Cols;
        var edge = stackalloc T[t.Mr * t.Nr];
        for (var s = s0; s < s1; s++)
        {
            var aSliver = ap + (nint)(s - s0) * t.Mr * kc;
            var i0 = s * t.Mr;
            var rows = Math.Min(t.Mr, m - i0);
            for (var u = u0; u < u1; u++)
            {
                var bSliver = bp + (nint)u * t.Nr * kc;
                var j0 = u * t.Nr;
                var cols = Math.Min(t.Nr, n - j0);
                var cTile = c + lc.Offset + (nint)i0 * lc.RowStride + j0;
                if (rows == t.Mr && cols == t.Nr)
                {
                    Tile(t.Path, kc, aSliver, bSliver, cTile, lc.RowStride, accumulate);
                    continue;
                }
                // A partial tile is computed whole into a scratch tile and only its valid part is written.
                Tile(t.Path, kc, aSliver, bSliver, edge, t.Nr, accumulate: false);
                for (var i = 0; i < rows; i++)
                    for (var j = 0; j < cols; j++)
                    {
                        ref var dst = ref cTile[(nint)i * lc.RowStride + j];
                        dst = accumulate ? dst + edge[i * t.Nr + j] : edge[i * t.Nr + j];
                    }
            }
        }
    }

    static void Tile<T>(GemmPath path, int kc, T* a, T* b, T* c, nint ldc, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (path)
        {
            case GemmPath.Vector512: GemmTiles.Tile512(kc, a, b, c, ldc, accumulate); break;
            case GemmPath.Vector512Tall: GemmTiles.Tile512Tall(kc, a, b, c, ldc, accumulate); break;
            case GemmPath.Vector256: GemmTiles.Tile256(kc, a, b, c, ldc, accumulate); break;
            default: GemmTiles.TileScalar(kc, a, b, c, ldc, accumulate); break;
        }
    }
}
