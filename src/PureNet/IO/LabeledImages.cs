namespace PureNet;

/// <summary>
/// Images (count × rows × cols unsigned bytes, row-major) with one class label each, as read from IDX files.
/// Immutable; compared by value.
/// </summary>
public sealed record LabeledImages
{
    /// <summary>Labelled images from their bytes, checked: sizes, class count and every label.</summary>
    /// <param name="rows">The image height, ≥ 1.</param>
    /// <param name="cols">The image width, ≥ 1.</param>
    /// <param name="classes">The number of classes, 1..256.</param>
    /// <param name="pixels">count × rows × cols bytes, row-major.</param>
    /// <param name="labels">One class per image, each in [0, classes).</param>
    /// <exception cref="ArgumentException">The size is below 1×1, <paramref name="classes"/> is outside 1..256, the pixel count does not match the labels, or a label is out of range.</exception>
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

    /// <summary>The image height.</summary>
    public int Rows { get; }
    /// <summary>The image width.</summary>
    public int Cols { get; }
    /// <summary>The number of classes; every label is below it.</summary>
    public int Classes { get; }
    /// <summary>All images' bytes, <see cref="Count"/> × <see cref="Rows"/> × <see cref="Cols"/>, row-major.</summary>
    public ReadOnlyMemory<byte> Pixels { get; }
    /// <summary>One class per image.</summary>
    public ReadOnlyMemory<byte> Labels { get; }

    /// <summary>The number of images.</summary>
    public int Count => Labels.Length;
    /// <summary><see cref="Rows"/> × <see cref="Cols"/>.</summary>
    public int PixelsPerImage => Rows * Cols;

    /// <summary>The pixels of image <paramref name="i"/>, row-major.</summary>
    /// <param name="i">The image's index, in [0, <see cref="Count"/>).</param>
    /// <returns>A view of its <see cref="PixelsPerImage"/> bytes.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="i"/> is outside [0, <see cref="Count"/>).</exception>
    public ReadOnlySpan<byte> Image(int i) => i >= 0 && i < Count ? Pixels.Span.Slice(i * PixelsPerImage, PixelsPerImage)
        : throw new ArgumentOutOfRangeException(nameof(i), i, $"LabeledImages.Image: index {i} is outside [0, {Count}).");

    /// <summary>The examples at the given indices, in that order.</summary>
    /// <param name="indices">Indices in [0, <see cref="Count"/>); repeats are allowed.</param>
    /// <returns>The selected examples, copied.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="indices"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, <see cref="Count"/>).</exception>
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
    /// <param name="n">How many, ≥ 0; all of them when n exceeds <see cref="Count"/>.</param>
    /// <returns>The first min(n, <see cref="Count"/>) examples, copied.</returns>
    /// <exception cref="ArgumentException"><paramref name="n"/> is negative.</exception>
    public LabeledImages Take(int n) => n >= 0 ? Select([.. Enumerable.Range(0, Math.Min(n, Count))])
        : throw new ArgumentException($"LabeledImages.Take: n {n} must be ≥ 0.", nameof(n));

    /// <summary>How many examples each class has.</summary>
    /// <returns>One count per class, indexed by class.</returns>
    public int[] ClassCounts()
    {
        var counts = new int[Classes];
        foreach (var l in Labels.Span) counts[l]++;
        return counts;
    }

    /// <summary>The images as an IDX array, as <see cref="Idx.Write"/> takes it.</summary>
    /// <returns>Unsigned bytes of dimensions [count, rows, cols].</returns>
    public IdxArray ImagesAsIdx() => new(IdxType.UInt8, [Count, Rows, Cols], Pixels);
    /// <summary>The labels as an IDX array, as <see cref="Idx.Write"/> takes it.</summary>
    /// <returns>Unsigned bytes of dimensions [count].</returns>
    public IdxArray LabelsAsIdx() => new(IdxType.UInt8, [Count], Labels);

    /// <summary>Value equality: the same size, classes, pixels and labels.</summary>
    /// <param name="other">The examples to compare with.</param>
    /// <returns>True when both hold the same examples.</returns>
    public bool Equals(LabeledImages? other) => other is not null && Rows == other.Rows && Cols == other.Cols && Classes == other.Classes
        && Pixels.Span.SequenceEqual(other.Pixels.Span) && Labels.Span.SequenceEqual(other.Labels.Span);
    /// <summary>A hash consistent with <see cref="Equals(LabeledImages?)"/> (of the sizes, not the bytes).</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => HashCode.Combine(Rows, Cols, Classes, Count);
}
