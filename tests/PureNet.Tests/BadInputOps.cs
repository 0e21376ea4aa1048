using LanguageExt;
using PureNet;
using static PureNet.Fn;
using static PureNet.Tests.BadInput;

namespace PureNet.Tests;

/// <summary>Adversarial calls on Expressions and Ops: node constructors, evaluation, every Fn entry point and shape rule.</summary>
public class BadInputOps
{
    static readonly Variable X = Variable("x", 2, 3), V = Variable("v", 3), B = Variable("b", Dim.Batch, 3);
    static readonly Expr Nothing = null!;
    static Seq<Expr> One(Expr x) => Prelude.Seq1(x);

    public static readonly BadCase[] Cases =
    [
        // Expressions
        Null("Variable with a null name", () => Variable(null!, 3), "Variable", "name"),
        Arg("Variable with an empty name", () => Variable(" ", 3), "Variable", "name", "empty"),
        Null("Variable with a null shape", () => Variable("x", (Shape)null!), "Variable", "shape"),
        Null("Variable with null sizes", () => Variable("x", (int[])null!), "Variable", "shape"),
        Null("Const of null", () => Const(null!), "Const", "value"),
        Null("Full of a null shape", () => Full(null!, 1), "Full", "shape"),
        Null("Plus null", () => _ = X + Nothing, "add", "b"),
        Null("Null times", () => _ = Nothing * X, "mul", "a"),
        Null("Minus null", () => _ = X - Nothing, "sub", "b"),
        Null("Divided by null", () => _ = X / Nothing, "div", "b"),
        Null("Negated null", () => _ = -Nothing, "neg", "x"),
        Null("Pow of null", () => Pow(Nothing, 2.0), "pow", "a"),
        Null("Unary op of null", () => Tanh(Nothing), "tanh", "x"),
        Null("Evaluate null", () => Nothing.Evaluate(("x", Tensor.Zeros<double>(new Shape(2, 3)))), "Evaluate", "e"),
        Null("Bind to null", () => Bind<double>(("x", null!)), "Bind", "'x'", "null"),
        Null("Bind a null name", () => Bind((null!, Tensor.Scalar(1.0))), "Bind", "null name"),
        Arg("Bind a name twice", () => Bind(("x", Tensor.Scalar(1.0)), ("x", Tensor.Scalar(2.0))), "Bind", "'x'", "twice"),
        Arg("Evaluate an unbound variable", () => (X + Variable("y", 2, 3)).Evaluate(("x", Tensor.Zeros<double>(new Shape(2, 3)))), "Evaluate", "'y'", "not bound"),
        Arg("Evaluate with a wrong shape", () => X.Evaluate(("x", Tensor.Zeros<double>(new Shape(3, 2)))), "Evaluate", "'x'", "[2, 3]", "[3, 2]"),
        Arg("Evaluate with two batch sizes", () => (B + Variable("c", Dim.Batch, 3)).Evaluate(("b", Tensor.Zeros<double>(new Shape(2, 3))), ("c", Tensor.Zeros<double>(new Shape(4, 3)))), "Evaluate", "batch size"),
        Null("EvaluateAll with a null root", () => EvaluateAll(Prelude.Seq(X, Nothing), Bind(("x", Tensor.Zeros<double>(new Shape(2, 3))))), "EvaluateAll", "roots[1]"),
        Null("Print null", () => Print.Infix(null!), "Print.Infix", "root"),
        // Slice, pad, reshape, flatten
        ShapeErr("Slice negative start", () => Slice(V, 0, -1, 2), "slice", "[-1, -1 + 2)", "≥ 0"),
        ShapeErr("Slice of the whole size from a later start", () => Slice(X, [1, 0], X.Shape), "slice", "axis 0", "[1, 1 + 2)", "inside the axis"),
        ShapeErr("Slice past the end", () => Slice(X, 1, 2, 2), "slice", "[2, 2 + 2)", "outside 0..3"),
        Null("Slice with null begin", () => Slice(X, null!, X.Shape), "slice", "begin"),
        ShapeErr("Slice of the batch axis", () => Slice(B, 0, 0, 2), "slice", "[Batch, 3]", "batch axis"),
        ShapeErr("Slice begin of the wrong length", () => Slice(X, [0], new Shape(1, 1)), "slice", "all 2 axes"),
        ShapeErr("Pad negative", () => Pad(X, [0, -1], [0, 0]), "pad", "(-1, 0)", "≥ 0"),
        ShapeErr("Pad of the wrong length", () => Pad(X, [1], [1]), "pad", "all 2 axes"),
        ShapeErr("Pad past what a tensor holds", () => Pad(X, [0, int.MaxValue], [0, 10]), "pad", "more than a tensor can hold"),
        Null("Pad with null after", () => Pad(X, [0, 0], null!), "pad", "after"),
        ShapeErr("Pad of the batch axis", () => Pad(B, [1, 0], [0, 0]), "pad", "batch axis"),
        ShapeErr("Reshape to another size", () => Reshape(X, 4), "reshape", "[2, 3]", "[4]", "element counts"),
        ShapeErr("Reshape losing the batch axis", () => Reshape(B, 3, 3), "reshape", "[Batch, 3]", "batch dimension"),
        Null("Reshape to null", () => Reshape(X, (Shape)null!), "reshape", "shape"),
        ShapeErr("Flatten a scalar", () => Flatten(Scalar(1)), "Flatten", "[]", "rank 0", "≥ 1"),
        ShapeErr("Flatten with a late batch axis", () => Flatten(Variable("t", 3, Dim.Batch)), "Flatten", "[3, Batch]", "first axis"),
        Null("Flatten null", () => Flatten(Nothing), "Flatten", "x"),
        ShapeErr("Squeeze a size-3 axis", () => Squeeze(X, 1), "squeeze", "axis 1", "size 3", "not 1"),
        ShapeErr("Squeeze out of range", () => Squeeze(X, 2), "squeeze", "axis 2"),
        // Join, permute
        ShapeErr("Stack axis out of range", () => Stack(4, X, X), "stack", "axis 4", "-3..2"),
        ShapeErr("Stack of different shapes", () => Stack(0, X, V), "stack", "[2, 3]", "[3]", "one shape"),
        Null("Stack with a null input", () => Stack(0, X, Nothing), "stack", "xs[1]"),
        ShapeErr("Concat on the batch axis", () => Concat(0, B, B), "concat", "[Batch, 3]", "batch axis"),
        ShapeErr("Concat one input with a bad axis", () => Concat(3, X), "concat", "axis 3", "[2, 3]"),
        ShapeErr("Permute not a permutation", () => Permute(X, 1, 2), "permute", "(1, 2)", "permutation"),
        Null("Permute with null", () => Permute(X, null!), "permute", "perm"),
        ShapeErr("Transpose a vector", () => Transpose(V), "transpose", "[3]", "rank ≥ 2"),
        // MatMul
        ShapeErr("MatMul batched", () => MatMul(Variable("a", 2, 2, 3), Variable("c", 3, 3, 4)), "matmul", "[2, 2, 3]", "[3, 3, 4]", "batch axes"),
        ShapeErr("MatMul batch input against a wrong weight", () => MatMul(B, Variable("w", 4, 5)), "matmul", "[Batch, 3]", "[4, 5]", "inner sizes 3 and 4"),
        ShapeErr("MatMul vector and matrix", () => MatMul(V, Variable("w", 4, 5)), "matmul", "[3]", "[4, 5]", "inner sizes 3 and 4"),
        Null("MatMul of null", () => MatMul(X, Nothing), "matmul", "b"),
        // Elementwise, select, compare
        ShapeErr("Add not broadcastable", () => _ = X + Variable("y", 4, 3), "add", "[2, 3]", "[4, 3]", "numpy rule"),
        ShapeErr("Add past what a tensor holds", () => _ = Variable("a", 100_000, 1) + Variable("c", 1, 100_000), "add", "[100000, 1]", "[1, 100000]", "more than"),
        ShapeErr("Where not broadcastable", () => Where(X, V, Variable("y", 4)), "where", "[4]"),
        Null("Where of null condition", () => Where(Nothing, X, X), "where", "cond"),
        Arg("Compare with an unknown kind", () => Compare(X, (CompareKind)99, X), "compare", "99", "CompareKind", "Less"),
        ShapeErr("Maximum not broadcastable", () => Maximum(X, Variable("y", 2)), "maximum", "[2, 3]", "[2]"),
        // Reductions
        ShapeErr("Sum over a missing axis", () => Sum(X, 5), "sum", "axis 5", "-2..1"),
        ShapeErr("Max over a repeated axis", () => Max(X, new Axes(0, -2)), "max", "repeated"),
        Null("Mean of null", () => Mean(Nothing), "mean", "x"),
        ShapeErr("Count over a missing axis", () => Count(X, 2), "count", "axis 2"),
        Null("Min of null", () => Min(Nothing), "min", "x"),
        // Broadcast
        ShapeErr("BroadcastTo unreachable", () => BroadcastTo(V, new Shape(2, 2)), "broadcast_to", "[3]", "[2, 2]"),
        Null("BroadcastTo null", () => BroadcastTo(X, null!), "broadcast_to", "shape"),
        ShapeErr("SumTo unreachable", () => SumTo(X, new Shape(2)), "sum_to", "[2]", "[2, 3]"),
        // Patches
        ShapeErr("Patches of a rank-3 input", () => Patches(Variable("i", 1, 4, 4), 2, 2), "patches", "[1, 4, 4]", "rank 4"),
        ShapeErr("Patches with a zero kernel", () => Patches(Variable("i", 1, 1, 4, 4), 0, 2), "patches", "kernel 0×2", "≥ 1"),
        ShapeErr("Patches with a zero stride", () => Patches(Variable("i", 1, 1, 4, 4), 2, 2, 0, 1), "patches", "stride 0×1", "≥ 1"),
        ShapeErr("Patches larger than the image", () => Patches(Variable("i", 1, 1, 4, 4), 5, 2), "patches", "kernel 5×2", "larger"),
        ShapeErr("Fold to the wrong image", () => Fold(Patches(Variable("i", 1, 1, 4, 4), 2, 2), new Shape(1, 1, 5, 5)), "fold", "[1, 1, 5, 5]", "expected"),
        Null("Fold to a null image", () => Fold(Patches(Variable("i", 1, 1, 4, 4), 2, 2), null!), "fold", "image"),
        // Dropout and labels
        Arg("Dropout p = 1", () => Dropout(X, 1, true, KeyVariable("k")), "Dropout", "p 1", "[0, 1)"),
        Arg("Dropout p NaN", () => Dropout(X, double.NaN, true, KeyVariable("k")), "Dropout", "p NaN"),
        Null("Dropout of null", () => Dropout(Nothing, 0.5, true, KeyVariable("k")), "Dropout", "x"),
        Arg("Labels not whole", () => CheckLabels(V, 3).Evaluate(("v", Tensor.FromArray(0.0, 2.5, 1))), "labels", "2.5", "whole numbers in [0, 3)"),
        // Shape rules of op records used directly
        Arg("DropoutMaskOp P out of range", () => new Apply(new DropoutMaskOp(1.5), Inputs(X, KeyVariable("k"))), "dropout_mask", "P 1.5", "[0, 1)"),
        Arg("CheckLabelsOp without classes", () => new Apply(new CheckLabelsOp(0), One(V)), "check_labels", "classes 0", "≥ 1"),
        Null("ReshapeOp to null", () => new Apply(new ReshapeOp(null!), One(X)), "reshape", "Shape"),
        Null("SumOp over null axes", () => new Apply(new SumOp(null!, false), One(X)), "sum", "axes"),
        Null("FillOp of a null shape", () => new Apply(new FillOp(1, null!), Prelude.Seq<Expr>()), "full", "Shape"),
        ShapeErr("SliceOp negative begin", () => new Apply(new SliceOp(new Axes(-1), new Shape(2)), One(V)), "slice", "-1", "inside the axis"),
        ShapeErr("TransposeOp not a permutation", () => new Apply(new TransposeOp(new Axes(1, 1)), One(X)), "transpose", "(1, 1)", "not a permutation"),
        ShapeErr("ConcatOp negative axis", () => new Apply(new ConcatOp(-1), Prelude.Seq<Expr>(X, X)), "concat", "axis -1", "non-negative"),
        ShapeErr("AddOp with one input", () => new Apply(new AddOp(), One(X)), "add", "2 input(s), got 1"),
        ShapeErr("AddOp of unbroadcast shapes", () => new Apply(new AddOp(), Prelude.Seq<Expr>(X, V)), "add", "[2, 3] and [3]", "one shape"),
        // matmul reads a broadcast operand in place, so the op itself broadcasts leading axes; unbroadcastable ones are refused.
        ShapeErr("MatMulOp with leading axes that do not broadcast", () => new Apply(new MatMulOp(), Prelude.Seq<Expr>(Variable("a", 2, 2, 3), Variable("c", 3, 3, 4))), "matmul", "[2]", "[3]", "do not broadcast"),
        ShapeErr("MatMulOp with transposes and unequal inner sizes", () => new Apply(new MatMulOp(TransposeA: true), Prelude.Seq<Expr>(Variable("a", 2, 3), Variable("c", 3, 4))), "matmul_tn", "[2, 3]", "[3, 4]", "inner sizes 2 and 3"),
        Arg("CompareOp with an unknown kind", () => new Apply(new CompareOp((CompareKind)42), Prelude.Seq<Expr>(X, X)), "compare", "42"),
    ];

    public static TheoryData<string> Names() => BadInput.Names(Cases);

    [Theory]
    [MemberData(nameof(Names))]
    public void Refused_with_a_message_naming_the_call(string name) => Run(Cases, name);
}
