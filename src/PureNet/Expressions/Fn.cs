using LanguageExt;
using static LanguageExt.Prelude;

namespace PureNet;

/// <summary>
/// The functional entry points: node constructors and one function per op (each op's file adds its own).
/// <c>using static PureNet.Fn;</c> brings them in scope.
/// </summary>
public static partial class Fn
{
    public static Variable Variable(string name, params int[] shape) => new(name, new Shape(shape));
    public static Variable Variable(string name, Shape shape) => new(name, shape);

    public static Constant Const(Tensor<double> value) => new(value);
    public static Constant Scalar(double value) => new(Tensor.Scalar(value));

    /// <summary>A tensor of one repeated value; its shape may hold the batch dimension.</summary>
    public static Expr Full(Shape shape, double value) => new Apply(new FillOp(value, shape), Seq<Expr>());
    public static Expr Zeros(Shape shape) => Full(shape, 0);
    public static Expr Ones(Shape shape) => Full(shape, 1);
    public static Expr ZerosLike(Expr x) => Zeros(x.Shape);

    /// <summary>True for a node known to be all zeros; derivative rules use it to skip dead work.</summary>
    public static bool IsZero(Expr x) => x is Apply { Op: FillOp { Value: 0 } };

    internal static Seq<Expr> Inputs(params Expr[] xs) => toSeq(xs).Strict();

    /// <summary>Broadcasts both operands to their common shape (explicit BroadcastTo nodes) and applies a binary op.</summary>
    internal static Expr Binary(IOp op, Expr a, Expr b)
    {
        var shape = a.Shape == b.Shape ? a.Shape : Broadcast.Shapes(a.Shape, b.Shape, op.Name);
        return new Apply(op, Inputs(BroadcastTo(a, shape), BroadcastTo(b, shape)));
    }

    internal static Expr Unary(IOp op, Expr x) => new Apply(op, Inputs(x));
}
