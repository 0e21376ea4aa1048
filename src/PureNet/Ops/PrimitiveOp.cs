using System.Collections.Immutable;
using System.Numerics;

namespace PureNet;

/// <summary>
/// The base of every built-in op, and the way to add one: the op supplies its shape rule, its kernel and its VJP; the
/// public <see cref="Eval{T}"/> refuses any call whose inputs the shape rule does not accept or whose output shape is
/// not the rule's (the batch size filled in) before the kernel sees it. A kernel may therefore size every write from
/// the output shape and read its inputs by the rule's shapes: out-of-bounds access cannot be reached through Eval.
/// Compiled plans, whose shapes were checked when the graph was built and the call was bound, run the kernel directly.
/// </summary>
public abstract record PrimitiveOp : IOp
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract Shape InferShape(IReadOnlyList<Shape> inputs);

    /// <inheritdoc/>
    public abstract ImmutableArray<Expr> Vjp(Apply y, Expr g);

    /// <summary>The JVP rule (see <see cref="IOp.Jvp"/>): the output's tangent from one tangent per input. The base refuses, naming the op; every built-in op overrides it.</summary>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="tangents">One tangent per input, in input order.</param>
    /// <returns>The output's tangent, shaped like <paramref name="y"/>.</returns>
    /// <exception cref="NotSupportedException">The op does not override this rule.</exception>
    public virtual Expr Jvp(Apply y, ImmutableArray<Expr> tangents) =>
        throw new NotSupportedException($"jvp: op '{Name}' has no JVP rule; override PrimitiveOp.Jvp (Tangents.ByTransposition(y, tangents) derives one from its VJP).");

    /// <summary>How a node of this op prints (see <see cref="Notation"/>): a function call <c>name(a, b)</c> unless the op has a textbook form.</summary>
    /// <param name="inputs">The inputs' shapes.</param>
    /// <returns>The op's notation.</returns>
    public virtual Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function(Name, Guard.NotNull(inputs, Name).Count);

    /// <summary>Checks the call (see the type's summary), then runs the kernel.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="inputs">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape: the shape rule's for these inputs (the batch size filled in).</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    /// <returns>The output value, of shape <paramref name="output"/>.</returns>
    /// <exception cref="ArgumentNullException">An input or <paramref name="output"/> is null.</exception>
    /// <exception cref="ShapeException">The shape rule refuses the inputs, or <paramref name="output"/> is not its shape.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="allocate"/> returns an array of the wrong length, or one that holds an input.</exception>
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> inputs, Shape output, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        EvalCheck.Call(this, inputs, output);
        return Kernel(inputs, output, EvalCheck.Allocator(this, inputs, allocate));
    }

    /// <summary>
    /// The computation, called only with inputs the shape rule accepts and <paramref name="output"/> equal to the rule's
    /// shape for them. Storage for the result comes from <paramref name="allocate"/> when given.
    /// </summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="inputs">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    /// <returns>The output value, of shape <paramref name="output"/>.</returns>
    protected abstract Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> inputs, Shape output, Allocator<T>? allocate) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// This op with the open batch dimension in its attributes (a target shape holding <see cref="Dim.Batch"/>) set to
    /// <paramref name="size"/>, so its shape rule can be checked against concrete inputs; ops without such attributes
    /// return themselves.
    /// </summary>
    /// <param name="size">The call's batch size.</param>
    /// <returns>The op with concrete attributes.</returns>
    protected virtual PrimitiveOp WithBatchSize(int size) => this;

    internal PrimitiveOp SizedFor(int batch) => WithBatchSize(batch);

    /// <summary>Runs a plan's step: the kernel directly for a primitive (its shapes are the plan's, checked when built), Eval for any other op.</summary>
    internal static Tensor<T> Run<T>(IOp op, ReadOnlySpan<Tensor<T>> inputs, Shape output, Allocator<T>? allocate) where T : unmanaged, IFloatingPointIeee754<T> =>
        op is PrimitiveOp p ? p.Kernel(inputs, output, allocate) : op.Eval(inputs, output, allocate);
}
