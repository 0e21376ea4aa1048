using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>z = a + b; dz/da = dz/db = 1.</summary>
public sealed record AddOp : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "add";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Binary("+", "+", Precedence.Sum);
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 2);
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Add(x[0], x[1], allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Linear(y, t);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g, g];
}

public static partial class Fn
{
    /// <summary>a + b elementwise with numpy broadcasting (<see cref="AddOp"/>); adding a known zero returns the other operand.</summary>
    /// <param name="a">The first operand.</param>
    /// <param name="b">The second operand.</param>
    /// <returns>A node of the broadcast shape of <paramref name="a"/> and <paramref name="b"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Expr Add(Expr a, Expr b)
    {
        Guard.NotNull(a, "add");
        Guard.NotNull(b, "add");
        return IsZero(a) && Broadcast.Reaches(a.Shape, b.Shape) ? b
            : IsZero(b) && Broadcast.Reaches(b.Shape, a.Shape) ? a
            : Binary(new AddOp(), a, b);
    }
}
