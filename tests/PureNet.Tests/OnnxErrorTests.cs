using LanguageExt;
using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>
/// What the export refuses and how it says so: ops with no ONNX mapping (by name), variables neither bound nor inputs,
/// parameters the expression does not read or of the wrong shape, null and bad paths; and that a refused or failed
/// export leaves no file behind (or the old one as it was).
/// </summary>
public class OnnxErrorTests
{
    static readonly Variable X = Variable("x", Dim.Batch, 3);
    static readonly Variable W = Variable("w", 3, 2);
    static HashMap<string, Tensor<double>> Weights => Params.Empty.Add("w", Tensor.Ones<double>(W.Shape));

    [Fact]
    public void NullArgumentsAreNamed()
    {
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => Onnx.Encode(null!, Weights)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => Onnx.Export(null!, Weights, "m.onnx")).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => Onnx.Export(MatMul(X, W), Weights, null!)).ParamName);
    }

    [Fact]
    public void TrainingModeDropoutIsRefusedWithTheWayOut()
    {
        var e = Assert.Throws<NotSupportedException>(() => Onnx.Encode(Dropout(MatMul(X, W), 0.5, training: true, KeyVariable("key")), Weights));
        Assert.Contains("'dropout_mask'", e.Message);
        Assert.Contains("no ONNX mapping", e.Message);
        Assert.Contains("training: false", e.Message);
    }

    [Fact]
    public void EveryUnmappedOpIsNamedOnce()
    {
        var labels = Variable("labels", Dim.Batch);
        var loss = Losses.SoftmaxCrossEntropyWithLabels(MatMul(X, W), labels) + Sum(Fold(Patches(Reshape(X, Dim.Batch, 1, 1, 3), 1, 2), new Shape(Dim.Batch, 1, 1, 3)));
        var e = Assert.Throws<NotSupportedException>(() => Onnx.Encode(loss, Weights));
        Assert.Contains("ops 'fold', 'softmax_cross_entropy' have no ONNX mapping", e.Message);
        Assert.Contains("Export to ONNX", e.Message);
    }

    [Fact]
    public void AUsersOwnOpIsNamed()
    {
        var e = Assert.Throws<NotSupportedException>(() => Onnx.Encode(CubeOp.Of(X), Params.Empty));
        Assert.Contains("'cube'", e.Message);
    }

    [Fact]
    public void AVariableNeitherBoundNorAnInputIsNamed()
    {
        var bn = new BatchNorm("bn", 3);
        var output = bn.Apply(X, training: false).Output;
        var p = Params.Empty.Add("bn.gamma", Tensor.Ones<double>(new Shape(3))).Add("bn.beta", Tensor.Zeros<double>(new Shape(3)));
        var e = Assert.Throws<ArgumentException>(() => Onnx.Encode(output, p));
        Assert.Equal("parameters", e.ParamName);
        Assert.Contains("'bn.running_mean' [3] is not bound in parameters", e.Message);
        Assert.Contains("Dim.Batch as its first axis", e.Message);
    }

    [Fact]
    public void AnInputNeedsTheBatchAxisFirstAndOnlyThere()
    {
        foreach (var x in new[] { Variable("x", 3, Dim.Batch), Variable("x", Dim.Batch, Dim.Batch), Variable("x", 4, 3) })
            Assert.Contains($"variable 'x' {x.Shape} is not bound", Assert.Throws<ArgumentException>(() => Onnx.Encode(Sum(x * 2.0), Params.Empty)).Message);
    }

    [Fact]
    public void AParameterTheExpressionDoesNotReadIsNamed()
    {
        var p = Weights.Add("l9.W", Tensor.Ones<double>(new Shape(2)));
        var e = Assert.Throws<ArgumentException>(() => Onnx.Encode(MatMul(X, W), p));
        Assert.Equal("parameters", e.ParamName);
        Assert.Contains("parameters 'l9.W' are not read by the expression", e.Message);
        Assert.Contains("'w'", e.Message);
    }

    [Fact]
    public void AParameterOfTheWrongShapeIsNamed()
    {
        var p = Params.Empty.Add("w", Tensor.Ones<double>(new Shape(2, 3)));
        var e = Assert.Throws<ShapeException>(() => Onnx.Encode(MatMul(X, W), p));
        Assert.Contains("parameter 'w' has shape [2, 3], but the expression reads it as [3, 2]", e.Message);
    }

    [Fact]
    public void AGraphNeedsAnInput()
    {
        var p = Weights.Add("x", Tensor.Ones<double>(new Shape(1, 3)));
        var e = Assert.Throws<ArgumentException>(() => Onnx.Encode(MatMul(Variable("x", 1, 3), W), p));
        Assert.Contains("the expression has no input", e.Message);
    }

    [Fact]
    public void BadPathsAreRefusedAndNothingIsWritten()
    {
        using var dir = new TempDirectory();
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => Onnx.Export(MatMul(X, W), Weights, "  ")).ParamName);
        Assert.Contains("is a directory", Assert.Throws<IOException>(() => Onnx.Export(MatMul(X, W), Weights, dir.Path)).Message);
        var file = Path.Combine(dir.Path, "a-file");
        File.WriteAllText(file, "not a directory");
        var under = Path.Combine(file, "model.onnx");
        Assert.Contains(under, Assert.Throws<IOException>(() => Onnx.Export(MatMul(X, W), Weights, under)).Message);
        Assert.Equal(["a-file"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void ARefusedExportLeavesTheOldFileAsItWas()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "model.onnx");
        Onnx.Export(MatMul(X, W), Weights, path);
        var before = File.ReadAllBytes(path);
        Assert.Throws<NotSupportedException>(() => Onnx.Export(Dropout(MatMul(X, W), 0.5, training: true, KeyVariable("key")), Weights, path));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.onnx"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    /// <summary>A directory removed with everything in it.</summary>
    sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("purenet-onnx-").FullName;
        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
