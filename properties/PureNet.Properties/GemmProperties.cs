using System.Numerics;
using System.Runtime.Intrinsics;
using FsCheck;
using FsCheck.Fluent;
using PureNet;

namespace PureNet.Properties;

/// <summary>The packed GEMM on every microkernel this CPU can run equals the plain triple loop, in float and double, on edge sizes, transposed and offset (strided) operands.</summary>
public class GemmProperties
{
    public sealed record Case(int M, int N, int K, bool TransposeA, bool TransposeB, int Pad, int Seed)
    {
        public override string ToString() => $"{M}×{K}{(TransposeA ? "ᵀ" : "")} · {K}×{N}{(TransposeB ? "ᵀ" : "")} (offset {Pad}, seed {Seed})";
    }

    static readonly Gen<int> Size = Gen.OneOf(Gen.Elements(0, 1, 2, 7, 8, 9, 16, 17, 31, 33), Gen.Choose(1, 70));

    static readonly Gen<Case> Cases =
        from m in Size from n in Size from k in Size
        from ta in Gen.Elements(true, false) from tb in Gen.Elements(true, false)
        from pad in Gen.Choose(0, 3) from seed in Gen.Choose(0, 1000)
        select new Case(m, n, k, ta, tb, pad, seed);

    /// <summary>Every microkernel this CPU runs natively (a forced path the CPU lacks would be emulated, slowly).</summary>
    public static TheoryData<string> Paths()
    {
        var paths = new TheoryData<string> { nameof(GemmPath.Scalar) };
        if (Vector256.IsHardwareAccelerated) paths.Add(nameof(GemmPath.Vector256));
        if (Vector512.IsHardwareAccelerated) { paths.Add(nameof(GemmPath.Vector512)); paths.Add(nameof(GemmPath.Vector512Tall)); }
        return paths;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Packed_gemm_equals_the_reference_on_generated_shapes(string kernel)
    {
        var path = Enum.Parse<GemmPath>(kernel);
        Prop.ForAll(Arb.From(Cases), c => Agrees<float>(c, path) && Agrees<double>(c, path))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(OpGradientProperties.Cases).WithQuietOnSuccess(true));
    }

    /// <summary>Sizes across the KC blocking (513 > 512 floats, > 256 doubles) and past several row and column blocks.</summary>
    [Theory]
    [MemberData(nameof(Paths))]
    public void Packed_gemm_equals_the_reference_across_cache_blocks(string kernel)
    {
        var path = Enum.Parse<GemmPath>(kernel);
        // Also A too short to give each core a block (split along columns too), and the tall tile chosen by itself (m ≥ 256).
        foreach (var c in new[] { new Case(513, 33, 513, false, false, 1, 1), new Case(130, 513, 300, true, true, 0, 2), new Case(7, 290, 600, false, true, 2, 3),
                     new Case(5, 600, 300, false, false, 1, 7), new Case(3, 100, 2000, true, false, 0, 8), new Case(300, 70, 200, false, true, 3, 9) })
        {
            Assert.True(Agrees<float>(c, path), $"float {c}");
            Assert.True(Agrees<double>(c, path), $"double {c}");
        }
    }

    /// <summary>
    /// Block sizes come from the host's caches, so other hosts run other blockings: the smallest caches the tiling
    /// accepts (many KC steps and blocks) and a large L2 (one wide panel) give the reference's result too.
    /// </summary>
    [Theory]
    [MemberData(nameof(Paths))]
    public void Packed_gemm_equals_the_reference_when_blocked_for_other_caches(string kernel)
    {
        var path = Enum.Parse<GemmPath>(kernel);
        foreach (var caches in new[] { CacheSizes.Default, new CacheSizes(16 * 1024, 128 * 1024, "smallest"), new CacheSizes(80 * 1024, 4 * 1024 * 1024, "large") })
            foreach (var c in new[] { new Case(300, 200, 700, false, false, 1, 11), new Case(130, 520, 300, true, true, 0, 12), new Case(40, 300, 1100, false, true, 2, 13) })
            {
                Assert.True(Agrees<float>(c, path, caches), $"float {c} with {caches}");
                Assert.True(Agrees<double>(c, path, caches), $"double {c} with {caches}");
            }
    }

    [Fact]
    public void Batched_gemm_reads_a_broadcast_operand_in_place()
    {
        var w = Tensor.Normal<double>(new Shape(3, 4), seed: 1);
        var xs = Tensor.Normal<double>(new Shape(5, 4, 6), seed: 2);
        var fused = Tensor.MatMul(w, xs);
        var copied = Tensor.MatMul(Tensor.BroadcastTo(w, new Shape(5, 3, 4)), xs);
        Assert.Equal(new Shape(5, 3, 6), fused.Shape);
        for (var i = 0; i < fused.Size; i++) Assert.Equal(copied.Span[i], fused.Span[i], 12);
    }

    /// <summary>C = Σ_i A_i·B_i over a batch equals the sum of reference products: generated small batches, and conv-gradient-like shapes that split the batch across cores.</summary>
    [Theory]
    [MemberData(nameof(Paths))]
    public void Batched_sum_gemm_equals_the_sum_of_reference_products(string kernel)
    {
        var path = Enum.Parse<GemmPath>(kernel);
        var generated = from c in Cases from count in Gen.Choose(0, 5) select (c, count);
        Prop.ForAll(Arb.From(generated), p => SumAgrees<float>(p.c, p.count, path) && SumAgrees<double>(p.c, p.count, path))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(OpGradientProperties.Cases / 2).WithQuietOnSuccess(true));
        foreach (var (c, count) in new[] { (new Case(16, 72, 196, false, true, 1, 4), 64), (new Case(8, 9, 784, false, true, 0, 5), 64), (new Case(200, 130, 90, true, false, 2, 6), 9) })
        {
            Assert.True(SumAgrees<float>(c, count, path), $"float {c} × {count}");
            Assert.True(SumAgrees<double>(c, count, path), $"double {c} × {count}");
        }
    }

    static bool SumAgrees<T>(Case c, int count, GemmPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(c.Seed);
        T[] Fill(int n) => [.. Enumerable.Range(0, n).Select(_ => T.CreateChecked(rng.NextDouble() * 2 - 1))];
        var (sa, sb) = (c.M * c.K, c.K * c.N);
        var la = c.TransposeA ? MatrixLayout.RowMajor(c.K, c.M).Transposed : MatrixLayout.RowMajor(c.M, c.K);
        var lb = c.TransposeB ? MatrixLayout.RowMajor(c.N, c.K).Transposed : MatrixLayout.RowMajor(c.K, c.N);
        var (a, b) = (Fill(c.Pad + count * sa), Fill(c.Pad + count * sb));
        int[] aOffsets = [.. Enumerable.Range(0, count).Select(i => c.Pad + i * sa)], bOffsets = [.. Enumerable.Range(0, count).Select(i => c.Pad + i * sb)];
        var lc = new MatrixLayout(c.M, c.N, c.N + c.Pad, 1, c.Pad);
        var fast = Fill(c.Pad + c.M * (c.N + c.Pad));
        var before = (T[])fast.Clone();
        Gemm.BatchedSum<T>(a, la, aOffsets, b, lb, bOffsets, fast, lc, path);
        var expected = new T[fast.Length];
        var term = new T[fast.Length];
        for (var i = 0; i < count; i++)
        {
            GemmReference.Multiply<T>(a, la.At(aOffsets[i]), b, lb.At(bOffsets[i]), term, lc);
            for (var j = 0; j < term.Length; j++) expected[j] += term[j];
        }
        var eps = typeof(T) == typeof(float) ? 1.2e-7 : 2.3e-16;
        var terms = Math.Max(1, c.K * count);
        var tolerance = T.CreateChecked(2 * eps * terms * Math.Sqrt(terms));
        var inC = new bool[fast.Length];
        for (var i = 0; i < c.M; i++)
            for (var j = 0; j < c.N; j++)
            {
                var at = c.Pad + i * (c.N + c.Pad) + j;
                inC[at] = true;
                if (T.Abs(fast[at] - expected[at]) > tolerance) return false;
            }
        // Elements outside C (its offset and the padding at the end of each row) are left as they were.
        return Enumerable.Range(0, fast.Length).All(i => inC[i] || fast[i] == before[i]);
    }

    static bool Agrees<T>(Case c, GemmPath path, CacheSizes? caches = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(c.Seed);
        T[] Fill(int n) => [.. Enumerable.Range(0, n).Select(_ => T.CreateChecked(rng.NextDouble() * 2 - 1))];
        // Operands sit after Pad leading elements: a view into a bigger buffer, stored transposed when asked.
        var la = c.TransposeA ? MatrixLayout.RowMajor(c.K, c.M, c.Pad).Transposed : MatrixLayout.RowMajor(c.M, c.K, c.Pad);
        var lb = c.TransposeB ? MatrixLayout.RowMajor(c.N, c.K, c.Pad).Transposed : MatrixLayout.RowMajor(c.K, c.N, c.Pad);
        var a = Fill(c.Pad + c.M * c.K);
        var b = Fill(c.Pad + c.K * c.N);
        var lc = new MatrixLayout(c.M, c.N, c.N + c.Pad, 1, c.Pad);
        var fast = Fill(c.Pad + c.M * (c.N + c.Pad));
        var slow = (T[])fast.Clone();
        Gemm.Multiply<T>(a, la, b, lb, fast, lc, path, caches: caches);
        GemmReference.Multiply<T>(a, la, b, lb, slow, lc);
        // Rounding grows like eps·k·√k for k terms of random sign; a wrong element is off by O(1).
        var eps = typeof(T) == typeof(float) ? 1.2e-7 : 2.3e-16;
        var tolerance = T.CreateChecked(2 * eps * Math.Max(1, c.K) * Math.Sqrt(Math.Max(1, c.K)));
        return fast.Zip(slow).All(p => T.Abs(p.Item1 - p.Item2) <= tolerance);
    }
}
