using LanguageExt;
using PureNet;
using static PureNet.Fn;
using static PureNet.Tests.BadInput;

namespace PureNet.Tests;

/// <summary>Adversarial calls on Nn: activations, losses, normalization, regularizers, initializers, layers, combinators.</summary>
public class BadInputNn
{
    static readonly Variable X = Variable("x", 2, 3), Img = Variable("img", 2, 4, 5, 5);
    static readonly Expr Nothing = null!;
    static readonly Dense L1 = new("l1", 3, 4);
    static readonly Conv2D C1 = new("c1", 3, 8, Kernel: 3);
    static readonly RnnCell R = new("r", 5, 7);
    static HashMap<string, Tensor<float>> Grads(params float[] w) => HashMap<string, Tensor<float>>.Empty.Add("w", Tensor.FromArray(w));

    public static readonly BadCase[] Cases =
    [
        // Activations
        Null("Relu of null", () => Activations.Relu(Nothing), "Relu", "x"),
        Null("Step of null", () => Activations.Step(Nothing), "Step", "x"),
        Null("Gelu of null", () => Activations.Gelu(Nothing), "Gelu", "x"),
        Null("Softplus of null", () => Activations.Softplus(Nothing), "Softplus", "x"),
        Null("Identity of null", () => Activations.Identity(Nothing), "Identity", "x"),
        Arg("LeakyRelu infinite slope", () => Activations.LeakyRelu(X, double.PositiveInfinity), "LeakyRelu", "slope", "finite"),
        Arg("Elu NaN alpha", () => Activations.Elu(X, double.NaN), "Elu", "alpha NaN", "finite"),
        ShapeErr("PRelu slope of the wrong size", () => Activations.PRelu(X, Variable("a", 4)), "PRelu", "slope [4]", "x [2, 3]"),
        Null("PRelu null slope", () => Activations.PRelu(X, Nothing), "PRelu", "slope"),
        ShapeErr("Softmax axis out of range", () => Activations.Softmax(X, 2), "Softmax", "axis 2", "[2, 3]"),
        ShapeErr("Softmax of a scalar", () => Activations.Softmax(Scalar(1)), "Softmax", "axis -1", "[]"),
        ShapeErr("LogSoftmax axis out of range", () => Activations.LogSoftmax(X, -3), "LogSoftmax", "axis -3"),
        // Losses
        ShapeErr("Mse [4, 1] against [4]", () => Losses.Mse(Variable("p", 4, 1), Variable("t", 4)), "Mse", "prediction [4, 1]", "target [4]", "same shape"),
        ShapeErr("L1 of different shapes", () => Losses.L1(X, Variable("t", 3)), "L1", "[2, 3]", "[3]", "same shape"),
        ShapeErr("Huber of different shapes", () => Losses.Huber(X, Variable("t", 1, 3)), "Huber", "[1, 3]"),
        ShapeErr("Tukey of different shapes", () => Losses.Tukey(X, Scalar(0)), "Tukey", "[]"),
        ShapeErr("BinaryCrossEntropy of different shapes", () => Losses.BinaryCrossEntropy(Variable("p", 4, 1), Variable("t", 4)), "BinaryCrossEntropy", "[4, 1]", "[4]"),
        ShapeErr("BinaryCrossEntropyWithLogits of different shapes", () => Losses.BinaryCrossEntropyWithLogits(Variable("p", 4), Variable("t", 4, 1)), "BinaryCrossEntropyWithLogits", "[4]", "[4, 1]"),
        ShapeErr("SoftmaxCrossEntropy with a broadcast target", () => Losses.SoftmaxCrossEntropy(X, Variable("t", 3)), "SoftmaxCrossEntropy", "[2, 3]", "[3]", "same shape"),
        ShapeErr("SoftmaxCrossEntropy of a scalar", () => Losses.SoftmaxCrossEntropy(Scalar(1), Scalar(1)), "SoftmaxCrossEntropy", "rank 0", "≥ 1"),
        ShapeErr("Label cross-entropy of a scalar", () => Losses.SoftmaxCrossEntropyWithLabels(Scalar(1), Scalar(0)), "SoftmaxCrossEntropyWithLabels", "rank 0", "≥ 1"),
        ShapeErr("Label cross-entropy with a batch of 1 for 4", () => Losses.SoftmaxCrossEntropyWithLabels(Variable("z", 4, 3), Variable("y", 1)), "SoftmaxCrossEntropyWithLabels", "labels [1]", "[4, 3]", "[4]"),
        ShapeErr("Label cross-entropy with column labels", () => Losses.SoftmaxCrossEntropyWithLabels(Variable("z", 4, 3), Variable("y", 4, 1)), "SoftmaxCrossEntropyWithLabels", "labels [4, 1]", "[4]"),
        ShapeErr("Label cross-entropy with an open class axis", () => Losses.SoftmaxCrossEntropyWithLabels(Variable("z", 4, Dim.Batch), Variable("y", 4)), "SoftmaxCrossEntropyWithLabels", "[4, Batch]", "class axis"),
        Arg("Label out of range at evaluation", () => Losses.SoftmaxCrossEntropyWithLabels(X, Variable("y", 2)).Evaluate(("x", Tensor.Zeros<double>(new Shape(2, 3))), ("y", Tensor.FromArray(0.0, 3))), "labels", "label 3", "[0, 3)"),
        Arg("Negative label at evaluation", () => Losses.SoftmaxCrossEntropyWithLabels(X, Variable("y", 2)).Evaluate(("x", Tensor.Zeros<double>(new Shape(2, 3))), ("y", Tensor.FromArray(-1.0, 0))), "labels", "label -1", "[0, 3)"),
        Arg("NaN label at evaluation", () => Losses.SoftmaxCrossEntropyWithLabels(X, Variable("y", 2)).Evaluate(("x", Tensor.Zeros<double>(new Shape(2, 3))), ("y", Tensor.FromArray(double.NaN, 0))), "labels", "label NaN"),
        Arg("BinaryCrossEntropy of a probability above 1", () => Losses.BinaryCrossEntropy(X, X).Evaluate(("x", Tensor.FromRows([0.5, 1.5, 0.2], [0.1, 0.2, 0.3]))), "BinaryCrossEntropy", "probabilities 1.5", "flat index 1", "[0, 1]"),
        Arg("BinaryCrossEntropy of a negative probability", () => Losses.BinaryCrossEntropy(X, Variable("t", 2, 3)).Evaluate(("x", Tensor.FromRows([0.5, 0.5, 0.2], [-0.1, 0.2, 0.3])), ("t", Tensor.Zeros<double>(new Shape(2, 3)))), "BinaryCrossEntropy", "probabilities -0.1", "flat index 3"),
        Arg("CheckRange reversed", () => CheckRange(X, 1, 0, "f", "a"), "check_range", "[1, 0]", "Low ≤ High"),
        Arg("OneHot without classes", () => Losses.OneHot(Variable("y", 3), 0), "OneHot", "classes 0", "≥ 1"),
        Null("OneHot of null", () => Losses.OneHot(Nothing, 3), "OneHot", "labels"),
        Arg("Huber NaN delta", () => Losses.Huber(X, X, double.NaN), "Huber", "delta NaN", "> 0"),
        Arg("Tukey infinite k", () => Losses.Tukey(X, X, double.PositiveInfinity), "Tukey", "k", "finite"),
        Arg("Hinge negative margin", () => Losses.MulticlassHinge(X, X, -1), "MulticlassHinge", "margin -1", "≥ 0"),
        ShapeErr("Hinge of different shapes", () => Losses.MulticlassHinge(X, Variable("t", 3)), "MulticlassHinge", "[2, 3]", "[3]"),
        Arg("Unknown reduction", () => Losses.Mse(X, X, (Reduction)7), "Mse", "reduction 7", "Mean, Sum"),
        Null("Mse of a null prediction", () => Losses.Mse(Nothing, X), "Mse", "prediction"),
        // Normalization
        Arg("Standardize eps 0", () => Normalization.Standardize(X, 1, 0), "Standardize", "eps 0", "> 0"),
        Arg("Standardize negative eps", () => Normalization.Standardize(X, 1, -1e-5), "Standardize", "eps -1E-05"),
        Arg("Standardize NaN eps", () => Normalization.Standardize(X, 1, double.NaN), "Standardize", "eps NaN"),
        ShapeErr("Standardize over a missing axis", () => Normalization.Standardize(X, 3), "Standardize", "axis 3", "[2, 3]"),
        ShapeErr("LayerNorm of a scalar", () => Normalization.LayerNorm(Scalar(1), Scalar(1), Scalar(0)), "LayerNorm", "rank 0", "≥ 2"),
        ShapeErr("LayerNorm of a vector", () => Normalization.LayerNorm(Variable("x", 3), Variable("g", 3), Variable("b", 3)), "LayerNorm", "[3]", "rank 1"),
        ShapeErr("LayerNorm gamma of the wrong size", () => Normalization.LayerNorm(X, Variable("g", 4), Variable("b", 3)), "LayerNorm", "gamma [4]", "[3]"),
        Arg("LayerNorm eps 0", () => Normalization.LayerNorm(X, Variable("g", 3), Variable("b", 3), 0), "LayerNorm", "eps 0"),
        ShapeErr("GroupNorm of rank 3", () => Normalization.GroupNorm(Variable("x", 2, 4, 5), 2, Variable("g", 4), Variable("b", 4)), "GroupNorm", "[2, 4, 5]", "rank 4"),
        Arg("GroupNorm groups not dividing", () => Normalization.GroupNorm(Variable("x", 2, 6, 3, 3), 4, Variable("g", 6), Variable("b", 6)), "GroupNorm", "6 channels", "groups = 4"),
        Arg("GroupNorm zero groups", () => Normalization.GroupNorm(Img, 0, Variable("g", 4), Variable("b", 4)), "GroupNorm", "groups = 0", "≥ 1"),
        ShapeErr("GroupNorm gamma of the wrong size", () => Normalization.GroupNorm(Img, 2, Variable("g", 5), Variable("b", 4)), "GroupNorm", "gamma [5]", "[4]"),
        ShapeErr("InstanceNorm of a vector", () => Normalization.InstanceNorm(Variable("x", 3), Variable("g", 3), Variable("b", 3)), "InstanceNorm", "[3]", "rank 1", "4"),
        Null("InstanceNorm of null", () => Normalization.InstanceNorm(Nothing, X, X), "InstanceNorm", "x"),
        ShapeErr("WeightNorm of a scalar", () => Normalization.WeightNorm(Scalar(1), Scalar(1)), "WeightNorm", "rank 0", "≥ 1"),
        Arg("WeightNorm negative eps", () => Normalization.WeightNorm(X, Variable("g", 3), -1), "WeightNorm", "eps -1"),
        ShapeErr("WeightNorm g of the wrong size", () => Normalization.WeightNorm(X, Variable("g", 5)), "WeightNorm", "g [5]", "[1, 3]"),
        ShapeErr("CosineNorm mismatched", () => Normalization.CosineNorm(X, Variable("w", 4, 2)), "CosineNorm", "[2, 3]", "[4, 2]", "x [N, D], w [D, M]"),
        Arg("CosineNorm eps 0", () => Normalization.CosineNorm(X, Variable("w", 3, 2), 0), "CosineNorm", "eps 0"),
        // Regularizers and constraints
        Arg("L1 NaN lambda", () => Regularizers.L1(X, double.NaN), "L1", "lambda NaN", "≥ 0"),
        Arg("L2 negative lambda", () => Regularizers.L2(X, -1), "L2", "lambda -1"),
        Arg("ElasticNet infinite l2", () => Regularizers.ElasticNet(X, 0.1, double.PositiveInfinity), "ElasticNet", "l2", "finite"),
        Null("L1 of null", () => Regularizers.L1(Nothing, 0.1), "L1", "w"),
        Arg("MaxNorm c 0", () => Regularizers.MaxNorm(Tensor.FromArray(1.0), 0), "MaxNorm", "c 0", "> 0"),
        Arg("MaxNorm NaN c", () => Regularizers.MaxNorm(Tensor.FromArray(1.0), double.NaN), "MaxNorm", "c NaN"),
        Arg("MaxNorm of an infinite weight", () => Regularizers.MaxNorm(Tensor.FromArray(1f, float.PositiveInfinity), 1), "MaxNorm", "non-finite", "flat index 1"),
        Null("MaxNorm of null", () => Regularizers.MaxNorm<double>(null!, 1), "MaxNorm", "w"),
        Arg("ClipByGlobalNorm of a NaN gradient", () => Regularizers.ClipByGlobalNorm(Grads(float.NaN, 1), 1), "ClipByGlobalNorm", "'w'", "NaN", "flat index 0"),
        Arg("ClipByGlobalNorm negative norm", () => Regularizers.ClipByGlobalNorm(Grads(1), -1), "ClipByGlobalNorm", "maxNorm -1", "> 0"),
        Arg("ClipByValue NaN limit", () => Regularizers.ClipByValue(Grads(1), double.NaN), "ClipByValue", "limit NaN", "> 0"),
        // Initializers
        Arg("XavierNormal of rank 3", () => Init.XavierNormal(new Shape(2, 3, 4), Rng.FromSeed(1)), "XavierNormal", "[2, 3, 4]", "rank 3"),
        ShapeErr("HeNormal of an open shape", () => Init.HeNormal(new Shape(Dim.Batch, 3), Rng.FromSeed(1)), "HeNormal", "[Batch, 3]", "concrete"),
        Null("XavierUniform of null", () => Init.XavierUniform(null!, Rng.FromSeed(1)), "XavierUniform", "w"),
        ShapeErr("HeNormal too large", () => Init.HeNormal(new Shape(100_000, 100_000), Rng.FromSeed(1)), "HeNormal", "more than"),
        Arg("Init.Normal NaN std", () => Init.Normal(new Shape(2), double.NaN, Rng.FromSeed(1)), "Init.Normal", "std NaN"),
        Arg("Init.Constant NaN", () => Init.Constant(new Shape(2), double.NaN, Rng.FromSeed(1)), "Init.Constant", "value NaN", "finite"),
        Arg("Fans of rank 5", () => Fans.Of(new Shape(1, 2, 3, 4, 5)), "Fans.Of", "rank 5"),
        Arg("Dense init of the wrong shape", () => L1.Init(Rng.FromSeed(1), (s, r) => (Tensor.Zeros<double>(new Shape(4, 3)), r)), "Init", "'l1.W'", "[3, 4]", "[4, 3]"),
        // Layers
        ShapeErr("Dense input of the wrong width", () => L1.Apply(Variable("x", 2, 5)), "Dense 'l1'", "[2, 5]", "In = 3"),
        ShapeErr("Dense of a scalar", () => L1.Apply(Scalar(1)), "Dense 'l1'", "rank 0", "≥ 1"),
        Null("Dense of null", () => L1.Apply(Nothing), "Dense 'l1'", "x"),
        Arg("Dense with zero inputs", () => new Dense("d", 0, 3), "Dense", "In 0", "≥ 1"),
        ShapeErr("Conv2D with the wrong channels", () => C1.Apply(Variable("i", 1, 2, 5, 5)), "Conv2D 'c1'", "[1, 2, 5, 5]", "InChannels = 3"),
        ShapeErr("Conv2D of rank 3", () => C1.Apply(Variable("i", 3, 5, 5)), "Conv2D 'c1'", "[3, 5, 5]", "NCHW"),
        Arg("Conv2D stride 0", () => (C1 with { Stride = 0 }).Apply(Variable("i", 1, 3, 5, 5)), "Conv2D 'c1'", "Stride 0", "≥ 1"),
        Arg("Conv2D negative padding", () => (C1 with { Padding = -1 }).Apply(Variable("i", 1, 3, 5, 5)), "Conv2D 'c1'", "Padding -1", "≥ 0"),
        Arg("Conv2D kernel larger than the input", () => C1.Apply(Variable("i", 1, 3, 2, 2)), "Conv2D 'c1'", "Kernel 3", "2×2"),
        Arg("BatchNorm momentum 2", () => new BatchNorm("bn", 3, Momentum: 2).Apply(X, true), "BatchNorm 'bn'", "Momentum 2", "[0, 1]"),
        Arg("BatchNorm eps 0", () => new BatchNorm("bn", 3, Eps: 0).Apply(X, true), "BatchNorm 'bn'", "Eps 0", "> 0"),
        Arg("BatchNorm NaN eps", () => new BatchNorm("bn", 3, Eps: double.NaN).Apply(X, true), "BatchNorm 'bn'", "Eps NaN"),
        ShapeErr("BatchNorm of the wrong width", () => new BatchNorm("bn", 5).Apply(X, true), "BatchNorm 'bn'", "[2, 3]", "Features = 5"),
        ShapeErr("BatchNorm of rank 3", () => new BatchNorm("bn", 3).Apply(Variable("x", 2, 3, 4), false), "BatchNorm 'bn'", "[2, 3, 4]"),
        ShapeErr("RnnCell sequence of rank 2", () => R.Unroll(Variable("xs", 2, 5), Zeros(new Shape(2, 7))), "RnnCell 'r'", "[2, 5]", "rank 2", "3"),
        ShapeErr("RnnCell sequence of the wrong width", () => R.Unroll(Variable("xs", 2, 4, 6), Zeros(new Shape(2, 7))), "RnnCell 'r'", "[2, 4, 6]", "[N, T, 5]"),
        ShapeErr("RnnCell initial state of the wrong width", () => R.Unroll(Variable("xs", 2, 4, 5), Zeros(new Shape(2, 6))), "RnnCell 'r'", "h0 [2, 6]", "[N, 7]"),
        ShapeErr("RnnCell open time axis", () => R.Unroll(Variable("xs", 2, Dim.Batch, 5), Zeros(new Shape(2, 7))), "RnnCell 'r'", "[2, Batch, 5]", "concrete length"),
        ShapeErr("RnnCell step of the wrong input", () => R.Step(Zeros(new Shape(2, 7)), Variable("x", 2, 4)), "RnnCell 'r'", "x [2, 4]", "[N, 5]"),
        Arg("MaxPool2D size 0", () => Pooling.MaxPool2D(Img, 0), "MaxPool2D", "size 0", "≥ 1"),
        Arg("AvgPool2D stride 0", () => Pooling.AvgPool2D(Img, 2, 0), "AvgPool2D", "stride 0", "≥ 1"),
        ShapeErr("MaxPool2D of rank 2", () => Pooling.MaxPool2D(X, 2), "MaxPool2D", "[2, 3]", "rank 2", "4"),
        Arg("MaxPool2D window larger than the input", () => Pooling.MaxPool2D(Img, 6), "MaxPool2D", "window 6", "5×5"),
        // LayerCombinators
        Null("Sequence with a null layer", () => LayerCombinators.Sequence(Activations.Relu, null!), "Sequence", "layers[1]"),
        Null("Then null", () => LayerCombinators.Then(Activations.Relu, null!), "Then", "g"),
        Null("Parallel null", () => LayerCombinators.Parallel(null!, Activations.Relu), "Parallel", "left"),
        ShapeErr("Parallel branches that do not join", () => LayerCombinators.Parallel(x => x, x => Fn.Sum(x, 0))(X), "Parallel", "[2, 3]", "[3]", "every other axis"),
        ShapeErr("Residual changing the shape", () => LayerCombinators.Residual(L1.Apply)(X), "Residual", "[2, 3]", "[2, 4]", "keep the shape"),
    ];

    public static TheoryData<string> Names() => BadInput.Names(Cases);

    [Theory]
    [MemberData(nameof(Names))]
    public void Refused_with_a_message_naming_the_call(string name) => Run(Cases, name);
}
