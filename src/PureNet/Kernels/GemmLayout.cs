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

    public MatrixLayout At(int offset) => this with { Offset = offset };

    /// <summary>The block of <paramref name="rows"/> × <paramref name="cols"/> starting at (row0, col0), in place.</summary>
    public MatrixLayout Block(int row0, int rows, int col0, int cols) =>
        new(rows, cols, RowStride, ColStride, Offset + row0 * RowStride + col0 * ColStride);
}
