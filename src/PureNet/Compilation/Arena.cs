using System.Numerics;
using System.Runtime.InteropServices;
using LanguageExt;

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
        var buffer = free.TryGetValue(length, out var stack) && stack.TryPop(out var reused) ? reused : LargeBuffers<T>.Rent(length);
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
    /// The values that leave the call: their buffers are handed over, not copied — the arena forgets them, so no later
    /// call can write to them (views of them that are still live simply stop being counted); the next call rents new
    /// ones. A large buffer is handed over as storage the caller may donate back (<see cref="Tensor{T}.Donate"/>), one
    /// storage per buffer, so two outputs sharing a buffer (a value and its reshape) are donated together. Values the
    /// arena does not own (bound inputs, the plan's constants, views of them) leave as they are: not the caller's to donate.
    /// </summary>
    public Seq<Tensor<T>> Detach(IEnumerable<Tensor<T>> outputs)
    {
        Dictionary<T[], OwnedStorage<T>>? handed = null;
        var results = new List<Tensor<T>>();
        foreach (var value in outputs)
        {
            if (!MemoryMarshal.TryGetArray(value.Memory, out var segment) || segment.Array is not { } buffer
                || !(uses.Remove(buffer) || (handed?.ContainsKey(buffer) ?? false)))
            {
                results.Add(value);
                continue;
            }
            if (buffer.Length < LargeBuffers<T>.MinLength) { results.Add(value); continue; }
            handed ??= new(ReferenceEqualityComparer.Instance);
            if (!handed.TryGetValue(buffer, out var storage)) handed[buffer] = storage = new OwnedStorage<T>(buffer);
            results.Add(new Tensor<T>(value.Shape, storage.Memory.Slice(segment.Offset, segment.Count)));
        }
        return results.ToSeq().Strict();
    }

    void Return(T[] buffer)
    {
        if (!free.TryGetValue(buffer.Length, out var stack)) free[buffer.Length] = stack = new Stack<T[]>();
        stack.Push(buffer);
    }

    T[]? Owned(Tensor<T> value) =>
        MemoryMarshal.TryGetArray(value.Memory, out var segment) && segment.Array is { } a && uses.ContainsKey(a) ? a : null;
}
