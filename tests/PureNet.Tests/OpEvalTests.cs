using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>
/// An op's public Eval checks the call before its kernel writes anything, and the unsafe kernels check every pointer
/// range against its span (OpEvalProperties tries every op with generated wrong calls).
/// </summary>
public class OpEvalTests
{
    static Tensor<float> Square(int n) => Tensor.Full(new Shape(n, n), 1f);

    [Fact]
    public void A_product_asked_into_a_one_element_output_is_refused_before_any_write()
    {
        var ex = Assert.Throws<ShapeException>(() => new MatMulOp().Eval<float>([Square(64), Square(64)], new Shape(1, 1)));
        Assert.StartsWith("matmul: Eval was asked for output shape [1, 1], but the shape rule gives [64, 64]", ex.Message);
    }

    [Fact]
    public void The_right_call_through_Eval_and_through_a_user_allocator_computes_the_product()
    {
        var y = new MatMulOp().Eval<float>([Square(3), Square(3)], new Shape(3, 3), n => new float[n]);
        Assert.Equal(Tensor.Full(new Shape(3, 3), 3f), y);
    }

    [Fact]
    public void An_allocator_that_returns_a_short_array_is_refused_by_the_ops_name()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new MatMulOp().Eval<float>([Square(8), Square(8)], new Shape(8, 8), n => new float[1]));
        Assert.StartsWith("matmul: the allocator was asked for 64 elements and returned an array of 1", ex.Message);
    }

    [Fact]
    public void Wrong_input_counts_null_inputs_and_open_batch_outputs_are_refused_by_name()
    {
        Assert.StartsWith("matmul:", Assert.Throws<ShapeException>(() => new MatMulOp().Eval<float>([Square(2)], new Shape(2, 2))).Message);
        Assert.StartsWith("matmul: Eval input 1 is null", Assert.Throws<ArgumentNullException>(() => new MatMulOp().Eval<float>([Square(2), null!], new Shape(2, 2))).Message);
        Assert.StartsWith("tanh:", Assert.Throws<ShapeException>(() => new TanhOp().Eval<float>([Square(2)], new Shape(Dim.Batch, 2))).Message);
        Assert.StartsWith("max_pool2d:", Assert.Throws<ShapeException>(() => new MaxPoolOp(2, 2).Eval<float>([Square(4)], new Shape(2, 2))).Message);
    }

    [Fact]
    public void An_op_whose_attributes_hold_the_batch_takes_its_size_from_the_output()
    {
        var x = Tensor.Full(new Shape(5, 1), 2.0);
        Assert.Equal(Tensor.Full(new Shape(5, 3), 2.0), new BroadcastToOp(new Shape(Dim.Batch, 3)).Eval<double>([x], new Shape(5, 3)));
        Assert.Equal(Tensor.Full(new Shape(4, 2), 1.5), new FillOp(1.5, new Shape(Dim.Batch, 2)).Eval<double>([], new Shape(4, 2)));
        Assert.Equal(new Shape(5), new ReshapeOp(new Shape(Dim.Batch)).Eval<double>([x], new Shape(5)).Shape);
        Assert.StartsWith("reshape:", Assert.Throws<ShapeException>(() => new ReshapeOp(new Shape(Dim.Batch)).Eval<double>([x], new Shape(4))).Message);
    }

    [Fact]
    public void The_gemm_refuses_any_matrix_that_reaches_outside_its_buffer()
    {
        var (a, b, c) = (new float[16], new float[16], new float[16]);
        var l = MatrixLayout.RowMajor(4, 4);
        Gemm.Multiply<float>(a, l, b, l, c, l);
        Assert.Contains("operand C", Assert.Throws<ArgumentException>(() => Gemm.Multiply<float>(a, l, b, l, c.AsSpan(0, 15), l)).Message);
        Assert.Contains("operand A", Assert.Throws<ArgumentException>(() => Gemm.Multiply<float>(a, l.At(1), b, l, c, l)).Message);
        Assert.Contains("operand B", Assert.Throws<ArgumentException>(() => Gemm.Batched<float>(a, l, [0, 0], b, l, [0, 4], new float[32])).Message);
        Assert.Contains("C", Assert.Throws<ArgumentException>(() => Gemm.Batched<float>(a, l, [0, 0], b, l, [0, 0], new float[31])).Message);
        Assert.Contains("operand A", Assert.Throws<ArgumentException>(() => Gemm.BatchedSum<float>(a, l, [0, -1], b, l, [0, 0], c, l)).Message);
        Assert.Contains("must be ≥ 0", Assert.Throws<ArgumentException>(() => Gemm.Multiply<float>(a, l with { RowStride = -4 }, b, l, c, l)).Message);
    }

    [Fact]
    public void The_dot_product_kernel_refuses_any_matrix_that_reaches_outside_its_buffer()
    {
        var la = MatrixLayout.RowMajor(2, 16);
        var lb = MatrixLayout.RowMajor(3, 16).Transposed;      // [16×3] read down its columns, as the kernel wants
        var (a, b, c) = (new float[32], new float[48], new float[6]);
        var lc = MatrixLayout.RowMajor(2, 3);
        if (!DotSum.Fits<float>(la, lb)) return;          // no 256-bit vectors: the kernel is never chosen
        DotSum.Run<float>(a, la, [0], b, lb, [0], c, lc);
        Assert.Contains("operand B", Assert.Throws<ArgumentException>(() => DotSum.Run<float>(a, la, [0], b.AsSpan(0, 47), lb, [0], c, lc)).Message);
        Assert.Contains("operand A", Assert.Throws<ArgumentException>(() => DotSum.Run<float>(a, la, [0, 1], b, lb, [0, 0], c, lc)).Message);
        Assert.Contains("operand C", Assert.Throws<ArgumentException>(() => DotSum.Run<float>(a, la, [0], b, lb, [0], c.AsSpan(0, 5), lc)).Message);
    }

    // Found by an adversarial review of the public surface.

    [Fact]
    public void A_stride_near_int_max_with_padding_is_computed_not_a_crash_inside()
    {
        var x = Tensor.Full(new Shape(1, 1, 3, 3), 1f);
        var p = new PatchesOp(1, 1, 1, int.MaxValue, 0, 2).Eval<float>([x], new Shape(1, 1, 1, 1, 3, 1));
        Assert.Equal(Tensor.Zeros<float>(p.Shape), p);      // every window starts in the padding
        var back = new FoldOp(x.Shape, 1, int.MaxValue, 0, 2).Eval<float>([p], x.Shape);
        Assert.Equal(Tensor.Zeros<float>(x.Shape), back);
    }

    [Fact]
    public void An_allocator_that_hands_back_an_inputs_storage_is_refused()
    {
        var buffer = new float[6];
        Allocator<float> same = n => n == 6 ? buffer : new float[n];
        var x = new ExpOp().Eval<float>([Tensor.Full(new Shape(2, 3), 1f)], new Shape(2, 3), same);
        var ex = Assert.Throws<InvalidOperationException>(() => new TransposeOp(new Axes(1, 0)).Eval<float>([x], new Shape(3, 2), same));
        Assert.StartsWith("transpose: the allocator returned the array that holds input 0", ex.Message);
    }

    [Fact]
    public void A_count_over_axes_past_int_is_exact()
    {
        var empty = Tensor.Zeros<double>(new Shape(0, 65536, 65536));
        Assert.Equal(4294967296.0, new CountOp(new Axes(1, 2)).Eval<double>([empty], Shape.Scalar).Scalar);
    }

    [Fact]
    public void Attributes_set_by_with_are_checked_as_the_constructor_checks_them()
    {
        var op = new PadSumOp([new Axes(0, 0)], new Shape(3, 3)) with { Shape = null! };
        Assert.IsType<ArgumentNullException>(Record.Exception(() => op.Eval<float>([Tensor.Full(new Shape(3, 3), 1f)], new Shape(3, 3))));
        Assert.StartsWith("bias_", Assert.Throws<ArgumentException>(() => new BiasActivationOp((ActivationKind)42).Eval<float>([Square(2)], new Shape(2, 2))).Message);
        Assert.Contains("42", Assert.Throws<ArgumentException>(() => new ActivationGradOp((ActivationKind)42).Eval<float>([Square(2), Square(2)], new Shape(2, 2))).Message);
    }

    [Fact]
    public void A_label_outside_the_classes_is_refused_by_the_ops_name()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SoftmaxCrossEntropyOp().Eval<float>([Square(2), Tensor.FromArray(0f, 3f)], new Shape(2)));
        Assert.StartsWith("softmax_cross_entropy: label 3 at position 1", ex.Message);
    }

    [Fact]
    public void An_output_larger_than_a_tensor_holds_is_refused_by_the_ops_name()
    {
        var x = Tensor.Zeros<float>(new Shape(0, 65536, 65536));
        Assert.StartsWith("sum:", Assert.Throws<ShapeException>(() => new SumOp(new Axes(0), false).Eval<float>([x], new Shape(65536, 65536))).Message);
    }
}

/// <summary>expm1 keeps every digit where eˣ − 1 loses them, in float and double, and its edges.</summary>
public class Expm1AccuracyTests
{
    [Theory]
    [InlineData(3.3e-8)]
    [InlineData(-2.5e-7)]
    [InlineData(1e-20)]
    [InlineData(1e-3)]
    [InlineData(-0.7)]
    [InlineData(5.0)]
    [InlineData(-30.0)]
    public void Expm1_is_accurate_to_a_few_ulps(double x)
    {
        var exact = Exact(x);
        var d = Fn.Expm1(Fn.Variable("x", 1)).Evaluate(("x", Tensor.FromArray(x)));
        Assert.True(Math.Abs(d[0] - exact) <= 4e-16 * Math.Abs(exact), $"double expm1({x}) = {d[0]:R}, exactly {exact:R}");
        var f = Fn.Expm1(Fn.Variable("x", 1)).Evaluate(("x", Tensor.FromArray((float)x)));
        var exactF = Exact((float)x);
        Assert.True(Math.Abs(f[0] - exactF) <= 3e-7 * Math.Abs(exactF), $"float expm1({(float)x}) = {f[0]:R}, exactly {exactF:R}");
    }

    /// <summary>The series Σ xⁿ/n! below |x| = 1 (no cancellation), eˣ − 1 above (where it loses nothing).</summary>
    static double Exact(double x)
    {
        if (Math.Abs(x) >= 1) return Math.Exp(x) - 1;
        var (sum, term) = (0.0, 1.0);
        for (var n = 1; n < 30; n++) { term *= x / n; sum += term; }
        return sum;
    }

    [Fact]
    public void Expm1_keeps_its_edges()
    {
        var y = Fn.Expm1(Fn.Variable("x", 5)).Evaluate(("x", Tensor.FromArray(0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 800.0)));
        Assert.Equal(0.0, y[0]);
        Assert.Equal(double.PositiveInfinity, y[1]);
        Assert.Equal(-1.0, y[2]);
        Assert.True(double.IsNaN(y[3]));
        Assert.Equal(double.PositiveInfinity, y[4]);
    }
}
