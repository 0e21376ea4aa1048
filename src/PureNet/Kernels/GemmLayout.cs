namespace PureNet;

/// <summary>
/// Which microkernel a GEMM runs. <see cref="Auto"/> takes the widest the CPU accelerates, and the tall 512-bit tile
/// (12 rows) when A has enough rows to keep every core busy with it; tests force each.
/// </summary>
internal enum GemmPath { Auto, Vector512, Vector512Tall, Vector256, Scalar }

/// <summary>
/// A strided matrix inside a flat buffer: element (i, j) lives at Offset + i·RowStride + j·ColStride.
/// A transpose swaps rows with columns and the two strides, so a transposed operand is read in place.
/// </summary>
internal readonly record struct MatrixLayout(int Rows, int Cols, int RowStride, int ColStride, int Offset = 0)
{
    public static MatrixLayout RowMajor(int rows, int cols, int offset = 0) => new(rows, cols, cols, 1, offset);

    public MatrixLayout Transposed => new(Cols, Rows, ColStride, RowStride, Offset);

    /// <summary>Written out: the generated text would print <see cref="Transposed"/>, whose text prints its own, without end.</summary>
    public override string ToString() => $"[{Rows}×{Cols}] with strides ({RowStride}, {ColStride}) at offset {Offset}";

    public MatrixLayout At(int offset) => this with { Offset = offset };

    /// <summary>One past the last element the matrix touches, in 64 bits (its offset when it is empty).</summary>
    public long End => Rows == 0 || Cols == 0 ? Offset : Offset + (long)(Rows - 1) * RowStride + (long)(Cols - 1) * ColStride + 1;

    /// <summary>
    /// Refuses, before any pointer is taken, a matrix that would reach outside its buffer of <paramref name="length"/>
    /// elements at any of <paramref name="offsets"/> (where each term's matrix starts, plus <paramref name="shift"/>): the unsafe kernels behind it
    /// index only inside the ranges checked here.
    /// </summary>
    public void RequireInside(string kernel, string operand, int length, ReadOnlySpan<int> offsets, int shift = 0)
    {
        if (Rows < 0 || Cols < 0 || RowStride < 0 || ColStride < 0)
            throw new ArgumentException($"{kernel}: operand {operand} has layout {this}; sizes and strides must be ≥ 0.");
        foreach (var offset in offsets)
            if ((long)offset + shift is var o && At((int)o) is var m && (o < 0 || o > int.MaxValue || m.End > length))
                throw new ArgumentException($"{kernel}: operand {operand} [{Rows}×{Cols}] at offset {o} reaches element {m.End - 1}, but its buffer holds {length}; every matrix must lie inside its buffer.");
    }

    /// <summary>The block of <paramref name="rows"/> × <paramref name="cols"/> starting at (row0, col0), in place.</summary>
    public MatrixLayout Block(int row0, int rows, int col0, int cols) =>
        new(rows, cols, RowStride, ColStride, Offset + row0 * RowStride + col0 * ColStride);
}
