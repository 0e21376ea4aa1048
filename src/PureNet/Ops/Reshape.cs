using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>Same elements in row-major order, new shape; the derivative reshapes back.</summary>
/// <param name="Shape">The target shape: the same element count, and a batch axis exactly when the input has one.</param>
public sealed record ReshapeOp(Shape Shape) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "reshape";
    /// <summary>Hidden when it only adds or removes unit axes (the elements read the same); otherwise shown with its target.</summary>
    /// <param name="inputs">The input's shape.</param>
    /// <returns>The op's notation.</returns>
    public override Notation Format(IReadOnlyList<Shape> inputs) =>
        inputs[0].Dims.Where(d => d != 1).SequenceEqual(Shape.Dims.Where(d => d != 1)) ? Notation.Transparent(Name)
        : Notation.Function(Name, 1) with { Infix = new(Precedence.Atom, "reshape(", Notation.Input(0), $", {Shape})") };
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s)
    {
        ShapeRules.Arity(Name, s, 1);
        var from = s[0];
        Guard.NotNull(Shape, Name);
        if (from.Count(d => d == Dim.Batch) != Shape.Count(d => d == Dim.Batch) || Known(from) != Known(Shape))
            throw new ShapeException($"{Name}: cannot reshape {from} to {Shape}; the element counts (and any batch dimension) must match.");
        return Shape;
    }
    /// <inheritdoc/>
    protected override PrimitiveOp WithBatchSize(int size) => this with { Shape = Shape.WithBatch(size) };
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Layout.Reshape(x[0], output);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Linear(y, t);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.Reshape(g, y.Inputs[0].Shape)];

    static long Known(Shape s) => s.Where(d => d != Dim.Batch).Aggregate(1L, (n, d) => n * d);
}

public static partial class Fn
{
    /// <summary>The same elements in row-major order under <paramref name="shape"/> (<see cref="ReshapeOp"/>); x itself when its shape is that already.</summary>
    /// <param name="x">The input.</param>
    /// <param name="shape">The target shape: the same element count, and a batch axis exactly when x has one.</param>
    /// <returns>A node of shape <paramref name="shape"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="shape"/> is null.</exception>
    /// <exception cref="ShapeException">The element counts, or the batch axes, do not match.</exception>
    public static Expr Reshape(Expr x, Shape shape) =>
        Guard.NotNull(x, "reshape").Shape == Guard.NotNull(shape, "reshape") ? x : new Apply(new ReshapeOp(shape), Inputs(x));
    /// <summary>The same elements in row-major order under the given sizes (<see cref="Dim.Batch"/> allowed).</summary>
    /// <param name="x">The input.</param>
    /// <param name="shape">The target sizes: the same element count, and a batch axis exactly when x has one.</param>
    /// <returns>A node of that shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentException">A size is negative and not <see cref="Dim.Batch"/>.</exception>
    /// <exception cref="ShapeException">The element counts, or the batch axes, do not match.</exception>
    public static Expr Reshape(Expr x, params int[] shape) => Reshape(x, new Shape(Guard.NotNull(shape, "reshape")));

    /// <summary>Keeps the first axis and flattens the rest: [N, a, b, …] → [N, a·b·…]; a rank-1 [N] becomes [N, 1].</summary>
    /// <param name="x">The input, of rank ≥ 1; only its first axis may be the batch axis.</param>
    /// <returns>A node of rank 2.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="x"/> is a scalar, has the batch axis after axis 0, or flattens to more features than a tensor holds.</exception>
    public static Expr Flatten(Expr x)
    {
        Guard.Rank(x, "Flatten", 1);
        var rest = x.Shape.Skip(1).ToArray();
        if (rest.Contains(Dim.Batch))
            throw new ShapeException($"Flatten: x {x.Shape} has the batch axis after axis 0; only the first axis may be Batch.");
        var n = rest.Aggregate(1L, (p, d) => p * d);
        if (n > Shape.MaxElements) throw new ShapeException($"Flatten: x {x.Shape} flattens to {n} features, more than a tensor can hold.");
        return Reshape(x, x.Shape[0], (int)n);
    }
}
