using System.Globalization;
using System.Numerics;
using System.Text;

namespace PureNet;

/// <summary>
/// An immutable dense tensor of <typeparamref name="T"/> (float or double), row-major.
/// Compared by value (shape and every element); nothing public can change its elements.
/// </summary>
/// <typeparam name="T">The element type: float or double (other IEEE types are refused).</typeparam>
public sealed partial record Tensor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    readonly ReadOnlyMemory<T> data;

    /// <summary>Wraps data the caller promises never to change again; public factories copy instead.</summary>
    internal Tensor(Shape shape, T[] data, string function = "Tensor") : this(shape, (ReadOnlyMemory<T>)data, function) { }

    /// <summary>Shares storage with another tensor (a reshape): safe because neither can change it.</summary>
    internal Tensor(Shape shape, ReadOnlyMemory<T> data, string function = "Tensor")
    {
        // Folded away by the JIT for float and double; other IEEE types (Half, NFloat) have no kernels here.
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
            throw new NotSupportedException($"{function}: Tensor<{typeof(T).Name}> is not supported; PureNet computes in float or double.");
        Guard.NotNull(shape, function);
        if (shape.HasBatch)
            throw new ShapeException($"{function}: shape {shape} has an open batch dimension (Dim.Batch); a tensor's shape is concrete.");
        var size = shape.SizeFor(function);
        if (data.Length != size)
            throw new ShapeException($"{function}: {data.Length} elements do not fill shape {shape}, which holds {size}.");
        Shape = shape;
        this.data = data;
    }

    /// <summary>The tensor's shape: concrete, never holding <see cref="Dim.Batch"/>.</summary>
    public Shape Shape { get; }

    /// <summary>The elements, row-major, as a read-only view: the only public access to the storage (copies come from ToArray).</summary>
    public ReadOnlySpan<T> Span => data.Span;

    /// <summary>The number of axes.</summary>
    public int Rank => Shape.Rank;
    /// <summary>The number of elements.</summary>
    public int Size => data.Length;

    /// <summary>The element at a full index (negative indices count from the end).</summary>
    /// <param name="index">One index per axis.</param>
    /// <returns>The element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="index"/> is null.</exception>
    /// <exception cref="ArgumentException">The number of indices is not the rank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside its axis.</exception>
    public T this[params int[] index] => data.Span[Offset(index)];

    /// <summary>The value of a one-element tensor.</summary>
    /// <exception cref="InvalidOperationException">The tensor does not hold exactly one element.</exception>
    public T Scalar => Size == 1 ? data.Span[0] : throw new InvalidOperationException($"Scalar: tensor of shape {Shape} has {Size} elements, not 1.");

    /// <summary>A copy of the elements, row-major.</summary>
    /// <returns>A new array the caller owns.</returns>
    public T[] ToArray() => data.ToArray();

    /// <summary>The same elements under another shape of the same size, without a copy.</summary>
    internal Tensor<T> WithShape(Shape shape) => new(shape, data);

    /// <summary>The storage, for kernels that split work across threads (a span cannot cross into a lambda).</summary>
    internal ReadOnlyMemory<T> Memory => data;

    /// <summary>
    /// A result over an array PureNet allocated for it alone (from <see cref="LargeBuffers{T}"/> or fresh): large ones
    /// get storage that <see cref="Donate"/> can take back.
    /// </summary>
    internal static Tensor<T> Owned(Shape shape, T[] array) =>
        array.Length >= LargeBuffers<T>.MinLength ? new(shape, new OwnedStorage<T>(array).Memory) : new(shape, array);

    /// <summary>The storage object behind this tensor when it is one <see cref="Donate"/> can take back, else null.</summary>
    internal object? Storage => System.Runtime.InteropServices.MemoryMarshal.TryGetMemoryManager(data, out OwnedStorage<T>? s) ? s : null;

    /// <summary>
    /// Donates this tensor's storage, as JAX's <c>donate_argnums</c> does: a promise that neither it nor any view of it
    /// (a reshape, a slice) is read again, so PureNet may reuse the array for a later result of the same size. Storage
    /// PureNet allocated for a large result (a compiled plan's output, an optimizer's new parameters and moments) is
    /// taken back, and reading the tensor or its views afterwards throws <see cref="DonatedTensorException"/>. Anything
    /// else — tensors made from your arrays, small tensors (under 85 kB, which the GC collects cheaply), a plan's
    /// constants — is left as it is. Donating twice is harmless. This is the one call that changes a tensor: use it
    /// only on tensors you are done with, as a training loop is with the last step's parameters and gradients.
    /// </summary>
    public void Donate()
    {
        if (System.Runtime.InteropServices.MemoryMarshal.TryGetMemoryManager(data, out OwnedStorage<T>? s) && s.Take() is { } array)
            LargeBuffers<T>.Return(array);
    }

    int Offset(int[] index)
    {
        Guard.NotNull(index, "Tensor index");
        if (index.Length != Rank)
            throw new ArgumentException($"Tensor index: {index.Length} indices for a tensor of rank {Rank} (shape {Shape}).", nameof(index));
        var strides = Shape.Strides();
        var off = 0;
        for (var i = 0; i < Rank; i++)
        {
            var k = index[i] < 0 ? index[i] + Shape[i] : index[i];
            if (k < 0 || k >= Shape[i])
                throw new ArgumentOutOfRangeException(nameof(index), $"Tensor index: {index[i]} is out of range for axis {i} of size {Shape[i]} (shape {Shape}).");
            off += k * strides[i];
        }
        return off;
    }

    /// <summary>Value equality: the same shape and every element equal by <c>T.Equals</c> (so NaN equals NaN, and 0 equals −0).</summary>
    /// <param name="other">The tensor compared.</param>
    /// <returns>Whether the tensors are equal.</returns>
    public bool Equals(Tensor<T>? other) =>
        other is not null && Shape.Equals(other.Shape) && data.Span.SequenceEqual(other.data.Span);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Shape);
        var s = data.Span;
        for (var i = 0; i < Math.Min(s.Length, 16); i++) h.Add(s[i]);
        return h.ToHashCode();
    }

    /// <summary>Numpy-like text: nested brackets, long axes elided with "…".</summary>
    /// <returns>The type, shape and elements (6 significant digits).</returns>
    public override string ToString()
    {
        var sb = new StringBuilder($"Tensor<{typeof(T).Name}>{Shape} ");
        Write(sb, 0, 0, Shape.Strides());
        return sb.ToString();
    }

    const int Edge = 3;

    void Write(StringBuilder sb, int axis, int offset, int[] strides)
    {
        if (axis == Rank) { sb.Append(data.Span[offset].ToString("G6", CultureInfo.InvariantCulture)); return; }
        sb.Append('[');
        var n = Shape[axis];
        for (var i = 0; i < n; i++)
        {
            if (n > 2 * Edge + 1 && i == Edge) { sb.Append("…, "); i = n - Edge - 1; continue; }
            Write(sb, axis + 1, offset + i * strides[axis], strides);
            if (i < n - 1) sb.Append(", ");
        }
        sb.Append(']');
    }
}
