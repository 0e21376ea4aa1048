using System.Runtime.InteropServices;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>A slice that is one run of its input's memory is a view sharing the buffer; plans keep that buffer alive while the view lives.</summary>
public class SliceViewTests
{
    static double[] Buffer(Tensor<double> t) => MemoryMarshal.TryGetArray(t.Memory, out var segment) ? segment.Array! : throw new InvalidOperationException();

    [Fact]
    public void Rows_of_a_matrix_and_examples_of_a_batch_are_views_other_boxes_are_copies()
    {
        var m = Tensor.Normal<double>(new Shape(4, 5), seed: 1);
        var rows = Tensor.Slice(m, 0, 1, 2);
        Assert.Same(Buffer(m), Buffer(rows));
        Assert.Equal(Tensor.FromRows([.. m.Span.Slice(5, 5).ToArray()], [.. m.Span.Slice(10, 5).ToArray()]), rows);
        var batch = Tensor.Normal<double>(new Shape(3, 2, 2), seed: 2);
        var second = Tensor.Slice(batch, 0, 1, 1);
        Assert.Same(Buffer(batch), Buffer(second));
        Assert.Equal(batch.Span.Slice(4, 4).ToArray(), second.Span.ToArray());
        // One row, part of it: still one run (unit extent, then a partial axis).
        var part = Layout.Slice(m, [2, 1], new Shape(1, 3));
        Assert.Same(Buffer(m), Buffer(part));
        Assert.Equal(m.Span.Slice(11, 3).ToArray(), part.Span.ToArray());
        var columns = Tensor.Slice(m, 1, 1, 2);
        Assert.NotSame(Buffer(m), Buffer(columns));
        Assert.Equal(new[] { m.Span[1], m.Span[2], m.Span[6], m.Span[7] }, columns.Span[..4].ToArray());
    }

    [Fact]
    public void A_plan_never_reuses_a_buffer_a_live_view_reads()
    {
        var x = Variable("x", 4, 5);
        var y = Tanh(x);
        var view = Slice(y, 0, 1, 2);                   // y's last use: its buffer is shared by the view from here on
        var z = Exp(x) * 2.0 + Tanh(x * 0.5);                 // intermediates of y's size, which would take its buffer if freed
        var f = Sum(view * 3.0) + Sum(z) + Sum(Square(view));
        var value = Tensor.Normal<double>(new Shape(4, 5), seed: 3);
        var expected = f.Evaluate(("x", value));
        var plan = Plan.Compile(f, view);
        for (var call = 0; call < 3; call++)
        {
            var outs = plan.Run(Bind(("x", value)));
            Assert.Equal(expected.Span[0], outs[0].Span[0], 12);
            Assert.Equal(Tensor.Slice(Tensor.Tanh(value), 0, 1, 2), outs[1]);
        }
        GradCheck.Assert(f, ("x", value));
    }
}
