using System.Collections.Immutable;
using System.Numerics;

namespace PureNet;

/// <summary>
/// A primitive op: a record of attributes (compared by value) with its shape rule, its kernel and its reverse-mode
/// derivative rule side by side. Derive from <see cref="PrimitiveOp"/> to add an op: its public <c>Eval</c> checks
/// every call against the shape rule before the kernel runs, so no call can write outside a buffer.
/// </summary>
public interface IOp
{
    /// <summary>The op's name in printed expressions and error messages.</summary>
    string Name { get; }

    /// <summary>
    /// The output shape for these input shapes, or a <see cref="ShapeException"/> naming the op, the shapes and the rule.
    /// A list parameter, so <c>op.InferShape([a, b])</c> means what it says.
    /// </summary>
    /// <param name="inputs">The inputs' shapes, in input order; they may hold <see cref="Dim.Batch"/>.</param>
    /// <returns>The output's shape.</returns>
    /// <exception cref="ShapeException">The op does not take inputs of these shapes (or this many).</exception>
    Shape InferShape(IReadOnlyList<Shape> inputs);

    /// <summary>
    /// Computes the output from concrete inputs; <paramref name="output"/> is the node's shape with the batch size filled
    /// in. With <paramref name="allocate"/>, the output's storage comes from it (a compiled plan passes buffers it reuses
    /// across calls).
    /// </summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="inputs">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    /// <returns>The output value, of shape <paramref name="output"/>.</returns>
    Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> inputs, Shape output, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// The vector-Jacobian product: for the output node <paramref name="y"/> and its cotangent <paramref name="g"/>,
    /// exactly one cotangent expression per input, in input order, each shaped like its input (the differentiator
    /// checks both). Rules may reuse <paramref name="y"/> itself. The return type is an
    /// <see cref="ImmutableArray{T}"/> so a collection expression <c>[g * y, -g]</c> means what it says.
    /// </summary>
    /// <param name="y">The node of this op being differentiated; its inputs are <c>y.Inputs</c>.</param>
    /// <param name="g">The cotangent of <paramref name="y"/>, shaped like it.</param>
    /// <returns>gᵀ·∂y/∂xᵢ for each input xᵢ, in input order.</returns>
    ImmutableArray<Expr> Vjp(Apply y, Expr g);

    /// <summary>
    /// The Jacobian-vector product: for the node <paramref name="y"/> and one tangent per input (shaped like it, a zero
    /// fill where that input does not vary), the tangent of the output, shaped like <paramref name="y"/> (the forward
    /// differentiator checks it). <see cref="Tangents"/> holds the rules most ops need (linear, bilinear, elementwise,
    /// and any op through its VJP). The default refuses, naming the op: an op without a rule never yields a silent zero.
    /// </summary>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="tangents">One tangent per input, in input order.</param>
    /// <returns>Σᵢ ∂y/∂xᵢ·tᵢ, shaped like <paramref name="y"/>.</returns>
    /// <exception cref="NotSupportedException">The op has no JVP rule (the default).</exception>
    Expr Jvp(Apply y, ImmutableArray<Expr> tangents) =>
        throw new NotSupportedException($"jvp: op '{Name}' has no JVP rule; implement IOp.Jvp (Tangents.ByTransposition(y, tangents) derives one from its VJP).");

    /// <summary>
    /// How a node of this op prints, given its inputs' shapes: infix and LaTeX forms and a label for a graph drawing
    /// (see <see cref="Notation"/>). The default is a function call, <c>name(a, b)</c>.
    /// </summary>
    /// <param name="inputs">The inputs' shapes (an op's notation may depend on them, e.g. a reduction's axes).</param>
    /// <returns>The op's notation.</returns>
    Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function(Name, inputs.Count);
}
