using LanguageExt;
using static LanguageExt.Prelude;

namespace PureNet;

/// <summary>
/// The functional entry points: node constructors and one function per op (each op's file adds its own).
/// <c>using static PureNet.Fn;</c> brings them in scope.
/// </summary>
public static partial class Fn
{
    public static Variable Variable(string name, params int[] shape) => new(Guard.NotNull(name, "Variable"), new Shape(Guard.NotNull(shape, "Variable")));
    public static Variable Variable(string name, Shape shape) => new(Guard.NotNull(name, "Variable"), Guard.NotNull(shape, "Variable"));

    public static Constant Const(Tensor<double> value) => new(Guard.NotNull(value, "Const"));
    public static Constant Scalar(double value) => new(Tensor.Scalar(value));

    /// <summary>A tensor of one repeated value; its shape may hold the batch dimension.</summary>
    public static Expr Full(Shape shape, double value) => new Apply(new FillOp(value, Guard.NotNull(shape, "Full")), Seq<Expr>());
    public static Expr Zeros(Shape shape) => Full(shape, 0);
    public static Expr Ones(Shape shape) => Full(shape, 1);
    public static Expr ZerosLike(Expr x) => Zeros(Guard.NotNull(x, "ZerosLike").Shape);

    /// <summary>True for a node known to be all zeros; derivative rules use it to skip dead work.</summary>
    public static bool IsZero(Expr x) => x is Apply { Op: FillOp { Value: 0 } };

    internal static Seq<Expr> Inputs(params Expr[] xs) => toSeq(xs).Strict();

    /// <summary>
    /// Broadcasts both operands to their common shape (explicit BroadcastTo nodes) and applies a binary elementwise op:
    /// how the built-in binary ops (and a user's own) build their node.
    /// </summary>
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
    public static Expr Unary(IOp op, Expr x) => new Apply(op, Inputs(Guard.NotNull(x, Guard.NotNull(op, "Unary").Name)));
}
