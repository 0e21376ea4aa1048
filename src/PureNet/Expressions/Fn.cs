using LanguageExt;
using static LanguageExt.Prelude;

namespace PureNet;

/// <summary>
/// The functional entry points: node constructors and one function per op (each op's file adds its own).
/// <c>using static PureNet.Fn;</c> brings them in scope.
/// </summary>
public static partial class Fn
{
    /// <summary>A variable of the given axis sizes: <c>Variable("x", Dim.Batch, 784)</c>.</summary>
    /// <param name="name">The name bindings use; not empty.</param>
    /// <param name="shape">The axis sizes, each ≥ 0 or <see cref="Dim.Batch"/>; none for a scalar.</param>
    /// <returns>The variable.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space, or a size is negative (other than <see cref="Dim.Batch"/>).</exception>
    public static Variable Variable(string name, params int[] shape) => new(Guard.NotNull(name, "Variable"), new Shape(Guard.NotNull(shape, "Variable")));
    /// <summary>A variable of the given shape.</summary>
    /// <param name="name">The name bindings use; not empty.</param>
    /// <param name="shape">The value's shape; may hold the open <see cref="Dim.Batch"/> dimension.</param>
    /// <returns>The variable.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    public static Variable Variable(string name, Shape shape) => new(Guard.NotNull(name, "Variable"), Guard.NotNull(shape, "Variable"));

    /// <summary>A constant node holding the tensor.</summary>
    /// <param name="value">The value, in double (a float evaluation rounds it once).</param>
    /// <returns>The constant.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static Constant Const(Tensor<double> value) => new(Guard.NotNull(value, "Const"));
    /// <summary>A scalar constant (shape []); binary ops broadcast it to their other operand.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The constant.</returns>
    public static Constant Scalar(double value) => new(Tensor.Scalar(value));

    /// <summary>A tensor of one repeated value; its shape may hold the batch dimension.</summary>
    /// <param name="shape">The shape of the fill.</param>
    /// <param name="value">The value of every element.</param>
    /// <returns>A fill node (no data is held: the value is made when evaluated).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    public static Expr Full(Shape shape, double value) => new Apply(new FillOp(value, Guard.NotNull(shape, "Full")), Seq<Expr>());
    /// <summary>A fill of zeros.</summary>
    /// <param name="shape">The shape; may hold the batch dimension.</param>
    /// <returns>A fill node that <see cref="IsZero"/> recognises.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    public static Expr Zeros(Shape shape) => Full(shape, 0);
    /// <summary>A fill of ones.</summary>
    /// <param name="shape">The shape; may hold the batch dimension.</param>
    /// <returns>A fill node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    public static Expr Ones(Shape shape) => Full(shape, 1);
    /// <summary>A fill of zeros shaped like <paramref name="x"/>.</summary>
    /// <param name="x">The expression whose shape is taken (it is not read).</param>
    /// <returns>A fill node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr ZerosLike(Expr x) => Zeros(Guard.NotNull(x, "ZerosLike").Shape);

    /// <summary>True for a node known to be all zeros; derivative rules use it to skip dead work.</summary>
    /// <param name="x">The node.</param>
    /// <returns>True when <paramref name="x"/> is a fill of 0 (as <see cref="Zeros"/> builds); false otherwise, including for null.</returns>
    public static bool IsZero(Expr x) => x is Apply { Op: FillOp { Value: 0 } };

    internal static Seq<Expr> Inputs(params Expr[] xs) => toSeq(xs).Strict();

    /// <summary>
    /// Broadcasts both operands to their common shape (explicit BroadcastTo nodes) and applies a binary elementwise op:
    /// how the built-in binary ops (and a user's own) build their node.
    /// </summary>
    /// <param name="op">The elementwise binary op.</param>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>The op applied to both operands broadcast to their common shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="op"/>, <paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast, the common shape is larger than a tensor can hold, or the op's shape rule refuses it.</exception>
    public static Expr Binary(IOp op, Expr a, Expr b)
    {
        Guard.NotNull(op, "Binary");
        Guard.NotNull(a, op.Name);
        Guard.NotNull(b, op.Name);
        var shape = a.Shape == b.Shape ? a.Shape : Broadcast.Shapes(a.Shape, b.Shape, op.Name);
        if (!shape.HasBatch && shape != a.Shape && shape != b.Shape) shape.SizeFor($"{op.Name} of {a.Shape} and {b.Shape}");
        return new Apply(op, Inputs(BroadcastTo(a, shape), BroadcastTo(b, shape)));
    }

    /// <summary>Applies a one-input op to x (refused by the op's name when x is null).</summary>
    /// <param name="op">The op.</param>
    /// <param name="x">The input.</param>
    /// <returns>The node <c>op(x)</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="op"/> or <paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException">The op's shape rule refuses x's shape.</exception>
    public static Expr Unary(IOp op, Expr x) => new Apply(op, Inputs(Guard.NotNull(x, Guard.NotNull(op, "Unary").Name)));
}
