using System.Numerics;
using System.Runtime.InteropServices;

namespace PureNet;

/// <summary>
/// The working memory of one plan call: node values, argument slots, the concrete shapes for the call's batch size,
/// and buffers reused by liveness. A buffer returns to the free list when the last value using it is dropped (a
/// reshape shares its input's buffer, so buffers are counted), and the next node that needs that many elements
/// takes it. After a first call the free lists hold what the peak of live values needs, so steady-state calls
/// allocate only their results. One arena serves one call at a time; a plan keeps a pool of them.
/// </summary>
internal sealed class Arena<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    readonly Dictionary<int, Stack<T[]>> free = [];
    readonly Dictionary<T[], int> uses = new(ReferenceEqualityComparer.Instance);
    readonly List<T[]> rentedThisStep = [];

    public Arena(int nodes, int maxArity)
    {
        Values = new Tensor<T>?[nodes];
        Args = new Tensor<T>[maxArity];
        Shapes = new Shape[nodes];
        Allocate = Rent;
    }

    public Tensor<T>?[] Values { get; }
    public Tensor<T>[] Args { get; }
    /// <summary>Each node's concrete shape for <see cref="Batch"/>, filled on the first call with that batch size.</summary>
    public Shape[] Shapes { get; }
    /// <summary>The batch size the shapes are for; −1 when the plan has no batch axis, and unset before the first call.</summary>
    public int Batch { get; private set; } = int.MinValue;

    /// <summary>Fills <see cref="Shapes"/> for this batch size (−1: no batch axis), unless they already are.</summary>
    public void UseBatch(int size, System.Collections.Immutable.ImmutableArray<Expr> nodes)
    {
        if (Batch == size) return;
        for (var i = 0; i < nodes.Length; i++) Shapes[i] = nodes[i].Shape.HasBatch && size >= 0 ? nodes[i].Shape.WithBatch(size) : nodes[i].Shape;
        Batch = size;
    }
    public Allocator<T> Allocate { get; }

    T[] Rent(int length)
    {
        var buffer = free.TryGetValue(length, out var stack) && stack.TryPop(out var reused) ? reused : GC.AllocateUninitializedArray<T>(length);
        uses[buffer] = 0;
        rentedThisStep.Add(buffer);
        return buffer;
    }

    /// <summary>A node's value is stored: its buffer (if it is one of ours) gains a user; buffers a kernel rented and dropped go back.</summary>
    public void Hold(Tensor<T> value)
    {
        if (Owned(value) is { } buffer) uses[buffer]++;
        foreach (var b in rentedThisStep)
            if (uses[b] == 0) Return(b);
        rentedThisStep.Clear();
    }

    /// <summary>A node's value is no longer needed: its buffer loses a user and is free again at zero.</summary>
    public void Drop(Tensor<T> value)
    {
        if (Owned(value) is { } buffer && --uses[buffer] == 0) Return(buffer);
    }

    /// <summary>
    /// A value that leaves the call: its buffer is handed over, not copied — the arena forgets it, so no later call
    /// can write to it (views of it that are still live simply stop being counted). The next call rents a new one.
    /// </summary>
    public Tensor<T> Detach(Tensor<T> value)
    {
        if (Owned(value) is { } buffer) uses.Remove(buffer);
        return value;
    }

    void Return(T[] buffer)
    {
        if (!free.TryGetValue(buffer.Length, out var stack)) free[buffer.Length] = stack = new Stack<T[]>();
        stack.Push(buffer);
    }

    T[]? Owned(Tensor<T> value) =>
        MemoryMarshal.TryGetArray(value.Memory, out var segment) && segment.Array is { } a && uses.ContainsKey(a) ? a : null;
}
