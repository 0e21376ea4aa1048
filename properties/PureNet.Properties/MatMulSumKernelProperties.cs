using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using PureNet;

namespace PureNet.Properties;

/// <summary>
/// The summed batched product (<see cref="MatMulSumOp"/>'s kernel) equals the plain triple loop per product, summed,
/// in float and double, on edge sizes (empty batch, zero inner size, sizes around the tiles) and transposed operands.
/// </summary>
public class MatMulSumKernelProperties
{
    /// <summary>Leads: 0 is [n]·[n] → [], 1 is [n]·[] → [], 2 is [n, 1]·[p] → [1, p] (one GEMM per kept index).</summary>
    public sealed record Case(int Batch, int P, int M, int N, int K, bool TransposeA, bool TransposeB, int Leads, int Seed)
    {
        public override string ToString() => $"leads {Leads}, batch {Batch}×{P}, {M}×{K}{(TransposeA ? "ᵀ" : "")} · {K}×{N}{(TransposeB ? "ᵀ" : "")} (seed {Seed})";
    }

    static readonly Gen<int> Size = Gen.OneOf(Gen.Elements(0, 1, 7, 16, 17, 33), Gen.Choose(1, 40));

    static readonly Gen<Case> Cases =
        from batch in Gen.Elements(0, 1, 2, 7, 64)
        from p in Gen.Choose(1, 3)
        from m in Size from n in Size from k in Size
        from ta in Gen.Elements(true, false) from tb in Gen.Elements(true, false)
        from leads in Gen.Choose(0, 2) from seed in Gen.Choose(0, 1000)
        select new Case(batch, p, m, n, k, ta, tb, leads, seed);

    [Fact]
    public void Summed_products_equal_the_reference_on_generated_shapes() =>
        Prop.ForAll(Arb.From(Cases), c => Agrees<float>(c) && Agrees<double>(c))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(OpGradientProperties.Cases).WithQuietOnSuccess(true));

    /// <summary>
    /// Conv weight gradients (A·Bᵀ, both contiguous along k: the direct dot-product kernel) at the benchmark's sizes, with
    /// ragged tiles and vector tails, and the same shapes through the packed GEMM (A stored transposed).
    /// </summary>
    [Fact]
    public void Summed_products_equal_the_reference_at_conv_weight_gradients()
    {
        foreach (var c in new[]
        {
            new Case(64, 1, 16, 72, 196, false, true, 0, 5), new Case(64, 1, 8, 9, 784, false, true, 0, 6),
            new Case(3, 1, 5, 7, 13, false, true, 0, 7), new Case(2, 1, 33, 4, 9, false, true, 0, 8),
            new Case(64, 1, 16, 72, 196, true, true, 0, 9), new Case(5, 2, 6, 8, 8, false, true, 2, 10),
        })
        {
            Assert.True(Agrees<float>(c), $"float {c}");
            Assert.True(Agrees<double>(c), $"double {c}");
        }
    }

    static bool Agrees<T>(Case c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(c.Seed);
        Tensor<T> Fill(Shape s) => new(s, [.. Enumerable.Range(0, s.Size).Select(_ => T.CreateChecked(rng.NextDouble() * 2 - 1))]);
        int[] aLead = c.Leads == 2 ? [c.Batch, 1] : [c.Batch], bLead = c.Leads switch { 0 => [c.Batch], 1 => [], _ => [c.P] };
        int[] target = c.Leads == 2 ? [1, c.P] : [];
        var a = Fill(new Shape([.. aLead, .. c.TransposeA ? new[] { c.K, c.M } : [c.M, c.K]]));
        var b = Fill(new Shape([.. bLead, .. c.TransposeB ? new[] { c.N, c.K } : [c.K, c.N]]));
        var output = new Shape([.. target, c.M, c.N]);
        // Garbage in the output buffer: the kernel must overwrite, not accumulate into, what it is given.
        var fast = MatMulKernel.RunSummed(a, b, c.TransposeA, c.TransposeB, output, n => [.. Enumerable.Repeat(T.CreateChecked(7), n)]);

        var slow = new T[output.Size];
        var product = new T[c.M * c.N];
        var la = c.TransposeA ? MatrixLayout.RowMajor(c.K, c.M).Transposed : MatrixLayout.RowMajor(c.M, c.K);
        var lb = c.TransposeB ? MatrixLayout.RowMajor(c.N, c.K).Transposed : MatrixLayout.RowMajor(c.K, c.N);
        var pCount = c.Leads == 2 ? c.P : 1;
        for (var i = 0; i < c.Batch; i++)
            for (var j = 0; j < pCount; j++)
            {
                var bIndex = c.Leads switch { 0 => i, 1 => 0, _ => j };
                GemmReference.Multiply<T>(a.Span, la.At(i * c.M * c.K), b.Span, lb.At(bIndex * c.K * c.N), product, MatrixLayout.RowMajor(c.M, c.N));
                for (var e = 0; e < product.Length; e++) slow[j * product.Length + e] += product[e];
            }
        // Rounding grows like eps·K·√K over the K = batch·k terms summed; a wrong element is off by O(1).
        var terms = Math.Max(1, c.Batch * c.K);
        var eps = typeof(T) == typeof(float) ? 1.2e-7 : 2.3e-16;
        var tolerance = T.CreateChecked(2 * eps * terms * Math.Sqrt(terms));
        return fast.Shape == output && fast.Span.ToArray().Zip(slow).All(p => T.Abs(p.Item1 - p.Item2) <= tolerance);
    }
}
