using PureNet;

namespace PureNet.Tests;

public class TensorTests
{
    [Fact]
    public void Tensors_compare_by_value_and_print_readably()
    {
        var a = Tensor.FromRows([1.0, 2.0], [3.0, 4.0]);
        var b = Tensor.FromArray<double>(new Shape(2, 2), [1, 2, 3, 4]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Tensor.FromArray<double>(new Shape(4), [1, 2, 3, 4]));
        Assert.Equal("Tensor<Double>[2, 2] [[1, 2], [3, 4]]", a.ToString());
    }

    [Fact]
    public void Nothing_public_mutates_a_tensor()
    {
        var source = new double[] { 1, 2, 3 };
        var t = Tensor.FromArray<double>(new Shape(3), source);
        source[0] = 99;                        // the factory copied
        Assert.Equal(1.0, t[0]);
        var copy = t.ToArray();
        copy[1] = 99;                          // ToArray copies
        Assert.Equal(2.0, t[1]);
        Assert.DoesNotContain(typeof(Tensor<double>).GetProperties(), p => p.SetMethod is { IsPublic: true });
        // No public member hands out writable storage: no arrays, Memory<T> or Span<T>, only ReadOnlySpan and copies.
        Assert.DoesNotContain(typeof(Tensor<double>).GetProperties(), p => p.PropertyType == typeof(double[]) || p.PropertyType == typeof(Memory<double>) || p.PropertyType == typeof(ReadOnlyMemory<double>));
        var u = t + t;                         // arithmetic returns new tensors
        Assert.Equal(Tensor.FromArray(1.0, 2, 3), t);
        Assert.Equal(Tensor.FromArray(2.0, 4, 6), u);
    }

    [Fact]
    public void Broadcasting_follows_numpy()
    {
        var a = Tensor.FromRows([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]);
        var b = Tensor.FromArray(10.0, 20, 30);
        Assert.Equal(Tensor.FromRows([11.0, 22.0, 33.0], [14.0, 25.0, 36.0]), a + b);
        var col = Tensor.FromArray<double>(new Shape(2, 1), [1, 2]);
        Assert.Equal(new Shape(2, 3), (a * col).Shape);
        var ex = Assert.Throws<ShapeException>(() => a + Tensor.FromArray(1.0, 2));
        Assert.Contains("add", ex.Message);
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("[2]", ex.Message);
    }

    [Fact]
    public void Reductions_over_axes_with_keep_dims()
    {
        var a = Tensor.FromRows([1.0, 5.0, 3.0], [4.0, 2.0, 6.0]);
        Assert.Equal(Tensor.FromArray(5.0, 7, 9), Tensor.Sum(a, 0));
        Assert.Equal(new Shape(2, 1), Tensor.Sum(a, 1, keepDims: true).Shape);
        Assert.Equal(Tensor.FromArray(3.0, 4), Tensor.Mean(a, 1));
        Assert.Equal(Tensor.FromArray(5.0, 6), Tensor.Max(a, 1));
        Assert.Equal(Tensor.FromArray(1.0, 2), Tensor.Min(a, 1));
        Assert.Equal(Tensor.FromArray(1.0, 2), Tensor.ArgMax(a, 1));
        Assert.Equal(21.0, Tensor.Sum(a).Scalar);
    }

    [Fact]
    public void Layout_ops_reshape_permute_slice_concat_stack()
    {
        var a = Tensor.Arange<double>(0, 6);
        var m = Tensor.Reshape(a, new Shape(2, 3));
        Assert.Equal(Tensor.FromRows([0.0, 3.0], [1.0, 4.0], [2.0, 5.0]), Tensor.Transpose(m));
        Assert.Equal(Tensor.FromRows([1.0, 2.0], [4.0, 5.0]), Tensor.Slice(m, 1, 1, 2));
        Assert.Equal(new Shape(4, 3), Tensor.Concat(0, m, m).Shape);
        Assert.Equal(new Shape(2, 2, 3), Tensor.Stack(0, m, m).Shape);
        Assert.Equal(new Shape(3, 2, 1), Tensor.Permute(Tensor.Reshape(a, new Shape(2, 3, 1)), 1, 0, 2).Shape);
    }

    [Fact]
    public void Matmul_plain_and_batched()
    {
        var a = Tensor.FromRows([1.0, 2.0], [3.0, 4.0]);
        var b = Tensor.FromRows([5.0, 6.0], [7.0, 8.0]);
        Assert.Equal(Tensor.FromRows([19.0, 22.0], [43.0, 50.0]), Tensor.MatMul(a, b));
        var batch = Tensor.Stack(0, a, b);
        var r = Tensor.MatMul(batch, a);
        Assert.Equal(new Shape(2, 2, 2), r.Shape);
        Assert.Equal(Tensor.MatMul(b, a), Tensor.Reshape(Tensor.Slice(r, 0, 1, 1), new Shape(2, 2)));
    }

    [Fact]
    public void Seeded_random_is_reproducible()
    {
        var (x, next) = Tensor.Normal<double>(new Shape(1000), Rng.FromSeed(7));
        var (y, _) = Tensor.Normal<double>(new Shape(1000), Rng.FromSeed(7));
        Assert.Equal(x, y);
        Assert.NotEqual(x, Tensor.Normal<double>(new Shape(1000), next).Value);
        Assert.InRange(Tensor.Mean(x).Scalar, -0.1, 0.1);
        var u = Tensor.Uniform<float>(new Shape(1000), 3, -1, 1);
        Assert.All(u.ToArray(), v => Assert.InRange(v, -1f, 1f));
    }

    [Fact]
    public void Interop_with_System_Numerics_Tensors_round_trips()
    {
        var a = Tensor.FromRows([1f, 2f, 3f], [4f, 5f, 6f]);
        var sys = a.ToSystem();
        Assert.Equal(new nint[] { 2, 3 }, sys.Lengths.ToArray());
        Assert.Equal(a, Interop.FromSystem(sys));
    }
}
