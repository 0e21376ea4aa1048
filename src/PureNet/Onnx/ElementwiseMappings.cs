using System.Collections.Immutable;

namespace PureNet;

/// <summary>
/// Elementwise ops: one ONNX op each, or two (a comparison's bool made a 0/1 float). Binary and select nodes read
/// their operands through PureNet's explicit <c>broadcast_to</c> (and a constant fill as its one value), because ONNX
/// broadcasts by the same numpy rule: a bias row is added as a row, not stretched over the batch first.
/// </summary>
internal static class ElementwiseMappings
{
    public static ImmutableArray<OnnxMapping> All { get; } =
    [
        Unary<NegOp>("neg", "Neg"), Unary<ExpOp>("exp", "Exp"), Unary<LogOp>("log", "Log"), Unary<SqrtOp>("sqrt", "Sqrt"),
        Unary<AbsOp>("abs", "Abs"), Unary<SignOp>("sign", "Sign"), Unary<FloorOp>("floor", "Floor"), Unary<CeilOp>("ceil", "Ceil"),
        Unary<RoundOp>("round", "Round"), Unary<SinOp>("sin", "Sin"), Unary<CosOp>("cos", "Cos"), Unary<TanOp>("tan", "Tan"),
        Unary<AtanOp>("atan", "Atan"), Unary<SinhOp>("sinh", "Sinh"), Unary<CoshOp>("cosh", "Cosh"), Unary<TanhOp>("tanh", "Tanh"),
        Unary<SigmoidOp>("sigmoid", "Sigmoid"), Unary<ErfOp>("erf", "Erf"), Unary<ReluOp>("relu", "Relu"), Unary<ReciprocalOp>("reciprocal", "Reciprocal"),
        OnnxMapping.Of<SquareOp>("square", "Mul", (g, _, x) => g.Op("Mul", x[0], x[0])),
        OnnxMapping.Of<RsqrtOp>("rsqrt", "Sqrt, Reciprocal", (g, _, x) => g.Op("Reciprocal", g.Op("Sqrt", x[0]))),
        OnnxMapping.Of<ClampOp>("clamp", "Clip", (g, n, x) =>
        {
            var c = (ClampOp)n.Op;
            return g.Op("Clip", x[0], g.Scalar(c.Min), g.Scalar(c.Max));
        }),
        Binary<AddOp>("add", "Add"), Binary<SubOp>("sub", "Sub"), Binary<MulOp>("mul", "Mul"), Binary<DivOp>("div", "Div"),
        Binary<PowOp>("pow", "Pow"), Binary<MaximumOp>("maximum", "Max"), Binary<MinimumOp>("minimum", "Min"),
        new(typeof(CompareOp), "less, less_equal, greater, greater_equal, equal, not_equal",
            "Less, LessOrEqual, Greater, GreaterOrEqual, Equal (and Not), then Cast to float", Operands, (g, n, x) =>
            {
                var kind = ((CompareOp)n.Op).Kind;
                var test = kind switch
                {
                    CompareKind.Less => g.Op("Less", x[0], x[1]),
                    CompareKind.LessOrEqual => g.Op("LessOrEqual", x[0], x[1]),
                    CompareKind.Greater => g.Op("Greater", x[0], x[1]),
                    CompareKind.GreaterOrEqual => g.Op("GreaterOrEqual", x[0], x[1]),
                    CompareKind.Equal => g.Op("Equal", x[0], x[1]),
                    _ => g.Op("Not", g.Op("Equal", x[0], x[1])),
                };
                return g.Op("Cast", [test], new OnnxAttribute.Int("to", OnnxType.Float));
            }),
        // PureNet's condition is a number (≠ 0 chooses a), ONNX's a bool: the test is written as "= 0", which chooses b.
        new(typeof(SelectOp), "where", "Equal (condition = 0), Where", Operands, (g, _, x) =>
            g.Op("Where", g.Op("Equal", x[0], g.Scalar(0)), x[2], x[1])),
    ];

    static OnnxMapping Unary<TOp>(string op, string onnx) where TOp : IOp => OnnxMapping.Of<TOp>(op, onnx, (g, _, x) => g.Op(onnx, x[0]));

    static OnnxMapping Binary<TOp>(string op, string onnx) where TOp : IOp => new(typeof(TOp), op, onnx, Operands, (g, _, x) => g.Op(onnx, x[0], x[1]));

    /// <summary>
    /// The inputs of an elementwise node with each <c>broadcast_to</c> looked through and each constant fill taken as its
    /// scalar, when numpy broadcasting of what is left gives the node's own shape (it always does for the nodes
    /// <see cref="Fn.Binary"/> and <see cref="Fn.Where"/> build); otherwise the inputs as they are.
    /// </summary>
    public static ImmutableArray<Expr> Operands(Apply node)
    {
        var inner = node.Inputs.Select(Unbroadcast).ToImmutableArray();
        var shape = inner.Aggregate(Shape.Scalar, (s, x) => Broadcast.Shapes(s, x.Shape, node.Op.Name));
        return shape == node.Shape ? inner : OnnxMapping.Inputs(node);
    }

    static Expr Unbroadcast(Expr x)
    {
        while (x is Apply { Op: BroadcastToOp } b) x = b.Inputs[0];
        return x is Apply { Op: FillOp f } ? new Constant(Tensor.Scalar(f.Value)) : x;
    }
}
