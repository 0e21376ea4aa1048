using System.Buffers;
using System.Runtime.InteropServices;

namespace PureNet;

/// <summary>
/// The storage of a result PureNet allocated and handed over whole (a plan's output, an optimizer's new moment or
/// parameter): the only storage <see cref="Tensor{T}.Donate"/> can take back. Every view of the tensor (a reshape, a
/// slice) reads through this one object, so once it is donated, all of them refuse to read instead of showing the
/// values of whatever tensor reuses the array next.
/// </summary>
internal sealed class OwnedStorage<T>(T[] array) : MemoryManager<T> where T : unmanaged
{
    T[]? array = array;
    readonly int length = array.Length;

    public bool Donated => Volatile.Read(ref array) is null;

    /// <summary>Takes the array out (once): from now on every read of a tensor over this storage throws.</summary>
    public T[]? Take() => Interlocked.Exchange(ref array, null);

    public override Span<T> GetSpan() => Volatile.Read(ref array) ?? throw new DonatedTensorException(length);

    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        var a = Volatile.Read(ref array) ?? throw new DonatedTensorException(length);
        if ((uint)elementIndex > (uint)a.Length) throw new ArgumentOutOfRangeException(nameof(elementIndex));
        var handle = GCHandle.Alloc(a, GCHandleType.Pinned);
        return new MemoryHandle((T*)handle.AddrOfPinnedObject() + elementIndex, handle);
    }

    public override void Unpin() { }

    protected override bool TryGetArray(out ArraySegment<T> segment)
    {
        var a = Volatile.Read(ref array) ?? throw new DonatedTensorException(length);
        segment = new ArraySegment<T>(a);
        return true;
    }

    protected override void Dispose(bool disposing) { }
}

/// <summary>A tensor was read after it (or the tensor it is a view of) was donated with <see cref="Tensor{T}.Donate"/>.</summary>
public sealed class DonatedTensorException(int elements) : InvalidOperationException(
    $"Tensor: this tensor's storage ({elements} elements) was donated (Tensor.Donate, or donate: true in Optim.Step or Fit) and now holds later tensors' values; " +
    "read the tensors the donating call returned, or do not donate a tensor you still read.")
{
    /// <summary>How many elements the donated storage held.</summary>
    public int Elements { get; } = elements;
}
