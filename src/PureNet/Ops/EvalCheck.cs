using System.Numerics;
using System.Runtime.InteropServices;

namespace PureNet;

/// <summary>
/// What <see cref="PrimitiveOp.Eval{T}"/> checks before its kernel runs: no null input, the inputs accepted by the op's
/// shape rule, and the output shape exactly the rule's for those inputs (for an op whose attributes hold the open batch
/// dimension, the rule's with some batch size filled in). Every message names the op.
/// </summary>
internal static class EvalCheck
{
    public static void Call<T>(PrimitiveOp op, ReadOnlySpan<Tensor<T>> inputs, Shape? output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var shapes = new Shape[inputs.Length];
        for (var i = 0; i < shapes.Length; i++)
            shapes[i] = inputs[i]?.Shape ?? throw new ArgumentNullException(nameof(inputs), $"{op.Name}: Eval input {i} is null.");
        if (output is null) throw new ArgumentNullException(nameof(output), $"{op.Name}: Eval's output shape is null.");
        if (output.HasBatch)
            throw new ShapeException($"{op.Name}: Eval's output shape {output} has an open batch dimension; pass the concrete shape (the node's shape with the batch size filled in).");
        var rule = Rule(op, shapes);
        var fits = rule == output || (rule is null || rule.HasBatch) && output.Distinct().Any(size =>
            op.SizedFor(size) is var sized && !ReferenceEquals(sized, op) && Rule(sized, shapes) == output);
        if (fits)
        {
            output.SizeFor(op.Name);                 // an output a tensor cannot hold is refused by the op's name
            return;
        }
        rule ??= op.InferShape(shapes);          // the inputs are wrong: the op's own message says how
        throw new ShapeException($"{op.Name}: Eval was asked for output shape {output}, but the shape rule gives {rule} for input shapes [{string.Join(", ", shapes.AsEnumerable())}]; the output must be the rule's shape (the batch size filled in).");
    }

    /// <summary>
    /// The caller's allocator, refused by the op's name when it returns an array of another length than asked, or an
    /// array that holds one of the inputs: the kernel would overwrite what it reads (and a tensor would change).
    /// </summary>
    public static Allocator<T>? Allocator<T>(PrimitiveOp op, ReadOnlySpan<Tensor<T>> inputs, Allocator<T>? allocate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (allocate is null) return null;
        var held = new T[]?[inputs.Length];
        for (var i = 0; i < held.Length; i++)
            held[i] = MemoryMarshal.TryGetArray(inputs[i].Memory, out var segment) ? segment.Array : null;
        return length =>
        {
            var a = allocate(length);
            if (a is null || a.Length != length)
                throw new InvalidOperationException($"{op.Name}: the allocator was asked for {length} elements and returned {(a is null ? "null" : $"an array of {a.Length}")}; it must return exactly the length asked for.");
            if (Array.IndexOf(held, a) is var i and >= 0)
                throw new InvalidOperationException($"{op.Name}: the allocator returned the array that holds input {i}; an output needs storage of its own.");
            return a;
        };
    }

    static Shape? Rule(PrimitiveOp op, Shape[] shapes)
    {
        try { return op.InferShape(shapes); }
        catch (ShapeException) { return null; }
    }
}
