using PureNet;
using static PureNet.Tests.BadInput;

namespace PureNet.Tests;

/// <summary>Adversarial calls on Tensors: shapes, factories, eager math, interop.</summary>
public class BadInputTensors
{
    static readonly Shape S23 = new(2, 3);
    static readonly Tensor<double> M = Tensor.FromRows([1.0, 2, 3], [4.0, 5, 6]);
    static readonly Tensor<double> V3 = Tensor.FromArray(1.0, 2, 3);
    static readonly Shape Huge = new(100_000, 100_000, 10);

    public static readonly BadCase[] Cases =
    [
        // Shape
        Null("Shape of null dims", () => _ = new Shape((IEnumerable<int>)null!), "Shape", "dims"),
        Arg("Shape with a negative size", () => _ = new Shape(2, -3), "Shape", "-3", "≥ 0"),
        new("Shape indexer past the rank", () => _ = S23[2], typeof(ArgumentOutOfRangeException), "Shape", "axis 2", "rank 2"),
        new("Shape indexer negative", () => _ = S23[-1], typeof(ArgumentOutOfRangeException), "Shape", "axis -1", "0..1"),
        new("Shape.Insert out of range", () => S23.Insert(5, 1), typeof(ArgumentOutOfRangeException), "Shape.Insert", "5", "0..2"),
        ShapeErr("Shape.RemoveAt out of range", () => S23.RemoveAt(3), "Shape.RemoveAt", "axis 3", "[2, 3]"),
        ShapeErr("Shape.SetItem out of range", () => S23.SetItem(-4, 1), "Shape.SetItem", "axis -4", "-2..1"),
        new("Size of an open shape", () => _ = new Shape(Dim.Batch, 3).Size, typeof(InvalidOperationException), "[Batch, 3]", "open batch"),
        ShapeErr("Size past what a tensor holds", () => _ = Huge.Size, "[100000, 100000, 10]", "more than", "one tensor can hold"),
        ShapeErr("Shape.Axis names the caller", () => S23.Axis(3, "myop"), "myop", "axis 3", "-2..1"),
        Null("Axes of null", () => _ = new Axes((int[])null!), "Axes", "axes"),
        ShapeErr("Axes repeated", () => new Axes(1, -1).Normalize(S23, "sum"), "sum", "axis 1", "repeated"),
        Null("Broadcast of null", () => Broadcast.Shapes(null!, S23, "myop"), "myop", "a"),
        ShapeErr("Broadcast mismatch", () => Broadcast.Shapes(new Shape(2), new Shape(3), "myop"), "myop", "[2]", "[3]", "numpy rule"),
        // Factories
        Null("Zeros of null shape", () => Tensor.Zeros<double>(null!), "Zeros", "shape"),
        ShapeErr("Zeros of an open shape", () => Tensor.Zeros<double>(new Shape(Dim.Batch, 2)), "Zeros", "[Batch, 2]", "concrete"),
        ShapeErr("Zeros too large", () => Tensor.Zeros<float>(Huge), "Zeros", "[100000, 100000, 10]", "more than"),
        ShapeErr("Ones too large", () => Tensor.Ones<double>(new Shape(int.MaxValue, 2)), "Ones", "more than"),
        Null("Full of null shape", () => Tensor.Full<double>(null!, 1.0), "Full", "shape"),
        ShapeErr("FromArray too few elements", () => Tensor.FromArray<double>(new Shape(2, 2), [1.0, 2, 3]), "FromArray", "3 elements", "[2, 2]"),
        Null("FromArray of null data", () => Tensor.FromArray<double>((double[])null!), "FromArray", "data"),
        Null("FromArray of null shape", () => Tensor.FromArray<double>(null!, new double[] { 1 }), "FromArray", "shape"),
        ShapeErr("FromArray of an open shape", () => Tensor.FromArray<double>(new Shape(Dim.Batch), new double[] { 1 }), "FromArray", "[Batch]"),
        Null("FromRows of null", () => Tensor.FromRows<double>(null!), "FromRows", "rows"),
        Null("FromRows with a null row", () => Tensor.FromRows([1.0], null!), "FromRows", "rows[1]"),
        Arg("FromRows ragged", () => Tensor.FromRows([1.0, 2], [3.0]), "FromRows", "2, 1", "equal"),
        Arg("Arange NaN stop", () => Tensor.Arange<double>(0, double.NaN), "Arange", "stop", "NaN", "finite"),
        Arg("Arange NaN start", () => Tensor.Arange<double>(double.NaN, 1), "Arange", "start", "NaN"),
        Arg("Arange infinite stop", () => Tensor.Arange<double>(0, double.PositiveInfinity), "Arange", "stop", "Infinity"),
        Arg("Arange zero step", () => Tensor.Arange<double>(0, 1, 0), "Arange", "step 0", "non-zero"),
        Arg("Arange NaN step", () => Tensor.Arange<double>(0, 1, double.NaN), "Arange", "step NaN"),
        Arg("Arange too many elements", () => Tensor.Arange<float>(0, 1e300, 1e-300), "Arange", "more than one tensor can hold"),
        Arg("Normal NaN mean", () => Tensor.Normal<double>(S23, 1, mean: double.NaN), "Normal", "mean", "NaN", "finite"),
        Arg("Normal infinite mean", () => Tensor.Normal<double>(S23, 1, mean: double.NegativeInfinity), "Normal", "mean", "-Infinity"),
        Arg("Normal negative std", () => Tensor.Normal<double>(S23, 1, std: -1), "Normal", "std -1", "≥ 0"),
        Arg("Normal NaN std", () => Tensor.Normal<double>(S23, 1, std: double.NaN), "Normal", "std NaN"),
        Null("Normal of null shape", () => Tensor.Normal<double>(null!, 1), "Normal", "shape"),
        ShapeErr("Normal of an open shape", () => Tensor.Normal<double>(new Shape(Dim.Batch), 1), "Normal", "[Batch]"),
        Arg("Uniform reversed range", () => Tensor.Uniform<double>(S23, 1, low: 1, high: 0), "Uniform", "[1, 0)", "low ≤ high"),
        Arg("Uniform infinite range", () => Tensor.Uniform<double>(S23, 1, low: double.NegativeInfinity, high: double.NegativeInfinity), "Uniform", "-Infinity", "finite"),
        Arg("Uniform NaN low", () => Tensor.Uniform<double>(S23, 1, low: double.NaN), "Uniform", "NaN"),
        Arg("Normal beyond float", () => Tensor.Normal<float>(S23, 1, mean: 1e300), "Normal", "1E+300", "beyond the range of Single"),
        Arg("Normal std beyond float", () => Tensor.Normal<float>(S23, 1, std: 1e38), "Normal", "9·std", "Single"),
        Arg("Uniform beyond float", () => Tensor.Uniform<float>(S23, 1, -1e300, 1e300), "Uniform", "low -1E+300", "Single"),
        Arg("Arange beyond float", () => Tensor.Arange<float>(1e39, 1e39 + 1e24, 1e23), "Arange", "start 1E+39", "Single"),
        new("Tensor of Half", () => Tensor.Zeros<Half>(S23), typeof(NotSupportedException), "Zeros", "Half", "float or double"),
        Null("Cast of null", () => Tensor.Cast<double, float>(null!), "Cast", "x"),
        // Indexing
        Arg("Index with too few indices", () => _ = M[0], "Tensor index", "1 indices", "rank 2"),
        new("Index out of range", () => _ = M[5, 0], typeof(ArgumentOutOfRangeException), "Tensor index", "5", "axis 0 of size 2"),
        Null("Index of null", () => _ = M[null!], "Tensor index", "index"),
        new("Scalar of many elements", () => _ = M.Scalar, typeof(InvalidOperationException), "Scalar", "[2, 3]", "6 elements"),
        // Eager math
        Null("Add of null", () => Tensor.Add(null!, M), "Tensor.Add", "a"),
        Null("Exp of null", () => Tensor.Exp<double>(null!), "Tensor.Exp", "x"),
        Null("Operator of null", () => _ = M * null!, "Tensor.Mul", "b"),
        ShapeErr("Add not broadcastable", () => Tensor.Add(M, Tensor.FromArray(1.0, 2)), "add", "[2, 3]", "[2]", "numpy rule"),
        ShapeErr("MatMul inner sizes", () => Tensor.MatMul(M, M), "matmul", "[2, 3]", "inner sizes 3 and 2"),
        ShapeErr("MatMul batched names the user's shapes", () => Tensor.MatMul(Tensor.Zeros<double>(new Shape(2, 2, 3)), Tensor.Zeros<double>(new Shape(3, 3, 4))),
            "matmul", "[2, 2, 3]", "[3, 3, 4]", "batch axes [2] and [3]", "do not broadcast"),
        ShapeErr("MatMul of vectors", () => Tensor.MatMul(V3, Tensor.FromArray(1.0, 2)), "matmul", "[3]", "[2]", "inner sizes 3 and 2"),
        ShapeErr("MatMul of a scalar", () => Tensor.MatMul(Tensor.Scalar(1.0), V3), "matmul", "rank ≥ 1"),
        ShapeErr("Slice negative start", () => Tensor.Slice(V3, 0, -1, 2), "slice", "[-1, -1 + 2)", "≥ 0"),
        ShapeErr("Slice past the end from a later start", () => Tensor.Slice(V3, 0, 1, 3), "slice", "[1, 1 + 3)", "outside 0..3"),
        ShapeErr("Slice negative length", () => Tensor.Slice(V3, 0, 0, -2), "slice", "-2"),
        ShapeErr("Slice start + length overflows", () => Tensor.Slice(V3, 0, 1, int.MaxValue), "slice", "2147483647", "outside"),
        ShapeErr("Slice axis out of range", () => Tensor.Slice(M, 2, 0, 1), "slice", "axis 2", "[2, 3]"),
        ShapeErr("Reshape to another size", () => Tensor.Reshape(M, new Shape(4)), "reshape", "[2, 3]", "[4]"),
        Null("Reshape to null", () => Tensor.Reshape(M, null!), "reshape", "shape"),
        ShapeErr("Permute repeated axis", () => Tensor.Permute(M, 0, 0), "permute", "(0, 0)", "permutation"),
        ShapeErr("Permute too few axes", () => Tensor.Permute(M, 0), "permute", "(0)", "2 axes"),
        ShapeErr("Transpose of a vector", () => Tensor.Transpose(V3), "transpose", "[3]", "rank ≥ 2"),
        ShapeErr("Concat one input, bad axis", () => Tensor.Concat(2, V3), "concat", "axis 2", "[3]"),
        ShapeErr("Concat mismatched shapes", () => Tensor.Concat(0, M, V3), "concat", "[2, 3]", "[3]", "must match"),
        Arg("Concat of nothing", () => Tensor.Concat<double>(0), "concat", "at least one"),
        Null("Concat with a null tensor", () => Tensor.Concat(0, V3, null!), "Tensor.Concat", "xs[1]"),
        ShapeErr("Stack axis out of range", () => Tensor.Stack(5, V3, V3), "stack", "axis 5", "-2..1"),
        ShapeErr("Stack of different shapes", () => Tensor.Stack(0, V3, Tensor.FromArray(1.0)), "stack", "[3]", "[1]", "one shape"),
        ShapeErr("ArgMax axis out of range", () => Tensor.ArgMax(M, 3), "argmax", "axis 3"),
        Arg("ArgMax of an empty axis", () => Tensor.ArgMax(Tensor.Zeros<double>(new Shape(2, 0)), 1), "argmax", "axis 1", "empty"),
        ShapeErr("Sum repeated axes", () => Tensor.Sum(M, new Axes(0, -2)), "sum", "axis 0", "repeated"),
        ShapeErr("Mean axis out of range", () => Tensor.Mean(M, 2), "mean", "axis 2", "[2, 3]"),
        ShapeErr("Max axis out of range", () => Tensor.Max(M, -3), "max", "axis -3"),
        ShapeErr("BroadcastTo unreachable", () => Tensor.BroadcastTo(V3, new Shape(2, 2)), "broadcast_to", "[3]", "[2, 2]"),
        // Interop
        Null("FromSystem of null", () => Interop.FromSystem<double>((System.Numerics.Tensors.Tensor<double>)null!), "FromSystem", "source"),
        ShapeErr("FromSystem of a default span", () => Interop.FromSystem(default(System.Numerics.Tensors.ReadOnlyTensorSpan<double>)), "FromSystem", "0 elements", "describe 1"),
        Null("ToSystem of null", () => Interop.ToSystem<double>(null!), "ToSystem", "x"),
    ];

    public static TheoryData<string> Names() => BadInput.Names(Cases);

    [Theory]
    [MemberData(nameof(Names))]
    public void Refused_with_a_message_naming_the_call(string name) => Run(Cases, name);
}
