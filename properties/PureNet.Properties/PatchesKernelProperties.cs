using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using PureNet;

namespace PureNet.Properties;

/// <summary>
/// im2col and col2im with padding read in place equal plain loops over every window element, in float and double, on
/// edge sizes: 1-pixel images, kernels as large as the padded image, padding wider than the kernel, strides past the
/// window, and more planes than one task takes.
/// </summary>
public class PatchesKernelProperties
{
    public sealed record Case(int N, int C, int H, int W, int Kh, int Kw, int Sh, int Sw, int Ph, int Pw, int Seed)
    {
        public override string ToString() => $"[{N}, {C}, {H}, {W}] kernel {Kh}×{Kw} stride {Sh}×{Sw} pad {Ph}×{Pw} (seed {Seed})";
        public Shape Image => new(N, C, H, W);
        public Shape Patches => new(N, C, Kh, Kw, (H + 2 * Ph - Kh) / Sh + 1, (W + 2 * Pw - Kw) / Sw + 1);
    }

    static readonly Gen<Case> Cases =
        from n in Gen.Elements(1, 2, 64)
        from c in Gen.Elements(1, 3)
        from h in Gen.Elements(1, 2, 7, 17)
        from w in Gen.Elements(1, 2, 7, 17, 33)
        from ph in Gen.Choose(0, 4)
        from pw in Gen.Choose(0, 4)
        from kh in Gen.Choose(1, Math.Min(5, h + 2 * ph))
        from kw in Gen.Choose(1, Math.Min(5, w + 2 * pw))
        from sh in Gen.Choose(1, 3)
        from sw in Gen.Choose(1, 3)
        from seed in Gen.Choose(0, 1000)
        select new Case(n, c, h, w, kh, kw, sh, sw, ph, pw, seed);

    [Fact]
    public void Patches_and_fold_equal_plain_loops() =>
        Prop.ForAll(Arb.From(Cases), c => Agrees<float>(c) && Agrees<double>(c))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(OpGradientProperties.Cases).WithQuietOnSuccess(true));

    static bool Agrees<T>(Case c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(c.Seed);
        Tensor<T> Fill(Shape s) => new(s, [.. Enumerable.Range(0, s.Size).Select(_ => T.CreateChecked(rng.Next(-8, 9)))]);
        var (image, patches) = (c.Image, c.Patches);
        var (oh, ow) = (patches[4], patches[5]);
        var x = Fill(image);
        var cols = Fill(patches);
        // Buffers full of garbage: the kernels must overwrite (or clear), never accumulate into, what they are given.
        var fastPatches = PatchesKernel.Extract(x, patches, c.Sh, c.Sw, c.Ph, c.Pw, n => [.. Enumerable.Repeat(T.CreateChecked(5), n)]);
        var fastFold = PatchesKernel.Fold(cols, image, c.Sh, c.Sw, c.Ph, c.Pw, n => [.. Enumerable.Repeat(T.CreateChecked(5), n)]);

        var slowPatches = new T[patches.Size];
        var slowFold = new T[image.Size];
        var e = 0;
        for (var n = 0; n < c.N; n++)
            for (var ch = 0; ch < c.C; ch++)
                for (var i = 0; i < c.Kh; i++)
                    for (var j = 0; j < c.Kw; j++)
                        for (var r = 0; r < oh; r++)
                            for (var q = 0; q < ow; q++, e++)
                            {
                                var (row, col) = (r * c.Sh + i - c.Ph, q * c.Sw + j - c.Pw);
                                if (row < 0 || row >= c.H || col < 0 || col >= c.W) continue;
                                var at = ((n * c.C + ch) * c.H + row) * c.W + col;
                                slowPatches[e] = x.Span[at];
                                slowFold[at] += cols.Span[e];
                            }
        // Small integers: every sum is exact, so the kernels must agree to the bit.
        return fastPatches.Span.SequenceEqual(slowPatches) && fastFold.Span.SequenceEqual(slowFold);
    }
}
