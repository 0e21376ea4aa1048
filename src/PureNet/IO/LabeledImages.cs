namespace PureNet;

/// <summary>
/// Images (count × rows × cols unsigned bytes, row-major) with one class label each, as read from IDX files.
/// Immutable; compared by value.
/// </summary>
public sealed record LabeledImages
{
    public LabeledImages(int rows, int cols, int classes, ReadOnlyMemory<byte> pixels, ReadOnlyMemory<byte> labels)
    {
        if (rows < 1 || cols < 1) throw new ArgumentException($"LabeledImages: image size {rows}×{cols} must be at least 1×1.", nameof(rows));
        if (classes < 1 || classes > 256) throw new ArgumentException($"LabeledImages: classes {classes} must be in 1..256.", nameof(classes));
        if (pixels.Length != (long)labels.Length * rows * cols)
            throw new ArgumentException($"LabeledImages: {pixels.Length} pixel bytes do not make {labels.Length} images of {rows}×{cols}.", nameof(pixels));
        foreach (var l in labels.Span)
            if (l >= classes) throw new ArgumentException($"LabeledImages: label {l} is outside [0, {classes}).", nameof(labels));
        (Rows, Cols, Classes, Pixels, Labels) = (rows, cols, classes, pixels, labels);
    }

    public int Rows { get; }
    public int Cols { get; }
    public int Classes { get; }
    public ReadOnlyMemory<byte> Pixels { get; }
    public ReadOnlyMemory<byte> Labels { get; }

    public int Count => Labels.Length;
    public int PixelsPerImage => Rows * Cols;

    public ReadOnlySpan<byte> Image(int i) => i >= 0 && i < Count ? Pixels.Span.Slice(i * PixelsPerImage, PixelsPerImage)
        : throw new ArgumentOutOfRangeException(nameof(i), i, $"LabeledImages.Image: index {i} is outside [0, {Count}).");

    /// <summary>The examples at the given indices, in that order.</summary>
    public LabeledImages Select(IReadOnlyList<int> indices)
    {
        Guard.NotNull(indices, "LabeledImages.Select");
        var pixels = new byte[indices.Count * PixelsPerImage];
        var labels = new byte[indices.Count];
        for (var k = 0; k < indices.Count; k++)
        {
            var i = indices[k];
            if (i < 0 || i >= Count) throw new ArgumentOutOfRangeException(nameof(indices), $"LabeledImages.Select: index {i} is outside [0, {Count}).");
            Image(i).CopyTo(pixels.AsSpan(k * PixelsPerImage));
            labels[k] = Labels.Span[i];
        }
        return new(Rows, Cols, Classes, pixels, labels);
    }

    /// <summary>The first n examples.</summary>
    public LabeledImages Take(int n) => n >= 0 ? Select([.. Enumerable.Range(0, Math.Min(n, Count))])
        : throw new ArgumentException($"LabeledImages.Take: n {n} must be ≥ 0.", nameof(n));

    /// <summary>How many examples each class has.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[Classes];
        foreach (var l in Labels.Span) counts[l]++;
        return counts;
    }

    public IdxArray ImagesAsIdx() => new(IdxType.UInt8, [Count, Rows, Cols], Pixels);
    public IdxArray LabelsAsIdx() => new(IdxType.UInt8, [Count], Labels);

    public bool Equals(LabeledImages? other) => other is not null && Rows == other.Rows && Cols == other.Cols && Classes == other.Classes
        && Pixels.Span.SequenceEqual(other.Pixels.Span) && Labels.Span.SequenceEqual(other.Labels.Span);
    public override int GetHashCode() => HashCode.Combine(Rows, Cols, Classes, Count);
}
