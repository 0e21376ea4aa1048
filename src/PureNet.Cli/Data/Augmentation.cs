namespace PureNet.Cli;

/// <summary>
/// Seeded training-time augmentation of 8-bit images: a random shift of up to <see cref="MaxShift"/> pixels on each
/// axis, a horizontal flip with probability ½ (when <see cref="Flip"/>), and a rotation by up to ±<see cref="MaxDegrees"/>,
/// done as one inverse-mapped affine warp with bilinear interpolation and a black (0) background.
/// </summary>
public sealed record Augmentation(int MaxShift = 2, bool Flip = true, double MaxDegrees = 10)
{
    public static Augmentation None { get; } = new(0, false, 0);

    public bool IsNone => MaxShift == 0 && !Flip && MaxDegrees == 0;

    /// <summary>A new, augmented copy of every image (labels unchanged) and the generator state after it.</summary>
    public (LabeledImages Images, Rng Next) Apply(LabeledImages data, Rng rng)
    {
        if (MaxShift < 0 || !(MaxDegrees >= 0 && MaxDegrees <= 180))
            throw new ArgumentException($"Augmentation: MaxShift {MaxShift} must be ≥ 0 and MaxDegrees {MaxDegrees} in [0, 180].");
        if (IsNone) return (data, rng);
        var (h, w) = (data.Rows, data.Cols);
        var output = new byte[data.Pixels.Length];
        for (var n = 0; n < data.Count; n++)
        {
            (var u1, rng) = rng.NextDouble();
            (var u2, rng) = rng.NextDouble();
            (var u3, rng) = rng.NextDouble();
            (var u4, rng) = rng.NextDouble();
            var dx = (int)Math.Floor(u1 * (2 * MaxShift + 1)) - MaxShift;
            var dy = (int)Math.Floor(u2 * (2 * MaxShift + 1)) - MaxShift;
            var flip = Flip && u3 < 0.5;
            var angle = (2 * u4 - 1) * MaxDegrees * Math.PI / 180;
            Warp(data.Image(n), output.AsSpan(n * h * w, h * w), h, w, dx, dy, flip, angle);
        }
        return (new LabeledImages(h, w, data.Classes, output, data.Labels), rng);
    }

    /// <summary>out(x, y) = in(M⁻¹((x, y) − c − t) + c): rotate about the centre, then shift; flip mirrors the source column.</summary>
    internal static void Warp(ReadOnlySpan<byte> src, Span<byte> dst, int h, int w, int dx, int dy, bool flip, double angle)
    {
        var (cx, cy) = ((w - 1) / 2.0, (h - 1) / 2.0);
        var (cos, sin) = (Math.Cos(angle), Math.Sin(angle));
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var (px, py) = (x - dx - cx, y - dy - cy);
                var sx = cos * px + sin * py + cx;
                var sy = -sin * px + cos * py + cy;
                if (flip) sx = w - 1 - sx;
                dst[y * w + x] = Sample(src, h, w, sx, sy);
            }
    }

    static byte Sample(ReadOnlySpan<byte> src, int h, int w, double sx, double sy)
    {
        var (x0, y0) = ((int)Math.Floor(sx), (int)Math.Floor(sy));
        var (fx, fy) = (sx - x0, sy - y0);
        var v = (1 - fy) * ((1 - fx) * At(src, h, w, x0, y0) + fx * At(src, h, w, x0 + 1, y0))
              + fy * ((1 - fx) * At(src, h, w, x0, y0 + 1) + fx * At(src, h, w, x0 + 1, y0 + 1));
        return (byte)Math.Clamp(Math.Round(v), 0, 255);
    }

    static double At(ReadOnlySpan<byte> src, int h, int w, int x, int y) => x < 0 || y < 0 || x >= w || y >= h ? 0 : src[y * w + x];
}
