using LanguageExt;
using PureNet;
using static PureNet.Tests.BadInput;

namespace PureNet.Tests;

/// <summary>Adversarial calls on Optim and Training: hyperparameters, schedules, parameter trees, datasets, the fit loop.</summary>
public class BadInputOptim
{
    static readonly ParamTree<double> W = ParamTrees.Of(("w", Tensor.FromArray(1.0, 2.0)));
    static readonly ParamTree<double> WrongShape = ParamTrees.Of(("w", Tensor.FromArray(1.0, 2.0, 3.0)));
    static readonly ParamTree<double> WrongName = ParamTrees.Of(("v", Tensor.FromArray(1.0, 2.0)));
    static readonly Tensor<double> Rows4 = Tensor.Zeros<double>(new Shape(4, 2));

    public static readonly BadCase[] Cases =
    [
        new("Sgd NaN rate", () => Optimizers.Sgd(double.NaN), typeof(ArgumentOutOfRangeException), "Sgd", "Lr NaN", "finite"),
        new("Sgd negative rate", () => Optimizers.Sgd(-0.1), typeof(ArgumentOutOfRangeException), "-0.1", "≥ 0"),
        Null("Sgd null schedule", () => Optimizers.Sgd(null!), "Sgd", "Lr"),
        new("Momentum mu 1", () => Optimizers.Momentum(0.1, 1), typeof(ArgumentOutOfRangeException), "Momentum", "Mu 1", "[0, 1)"),
        new("Adam beta2 NaN", () => Optimizers.Adam(0.1, beta2: double.NaN), typeof(ArgumentOutOfRangeException), "Adam", "Beta2 NaN"),
        new("Adam eps 0", () => Optimizers.Adam(0.1, eps: 0), typeof(ArgumentOutOfRangeException), "Adam", "Eps 0", "> 0"),
        new("RmsProp decay 1", () => Optimizers.RmsProp(0.1, decay: 1), typeof(ArgumentOutOfRangeException), "RmsProp", "Decay 1"),
        new("AdaGrad eps negative", () => Optimizers.AdaGrad(0.1, eps: -1), typeof(ArgumentOutOfRangeException), "AdaGrad", "Eps -1"),
        new("AdamW infinite weight decay", () => Optimizers.AdamW(0.1, weightDecay: double.PositiveInfinity), typeof(ArgumentOutOfRangeException), "AdamW", "weightDecay"),
        Arg("Optimizer of an unknown name", () => Optimizers.ByName("adamax", 0.1), "Optimizers.ByName", "'adamax'", "known"),
        Arg("LrSchedule of an unknown name", () => Schedules.ByName("linear", 0.1), "Schedules.ByName", "'linear'", "known"),
        new("StepDecay every 0", () => new LrSchedule.StepDecay(0.1, 0.5, 0), typeof(ArgumentOutOfRangeException), "StepDecay", "Every 0", "≥ 1"),
        new("StepDecay factor 2", () => new LrSchedule.StepDecay(0.1, 2, 1), typeof(ArgumentOutOfRangeException), "StepDecay", "Factor 2"),
        new("Cosine of no steps", () => new LrSchedule.Cosine(0.1, 0), typeof(ArgumentOutOfRangeException), "Cosine", "Steps 0"),
        new("Exponential NaN k", () => new LrSchedule.Exponential(0.1, double.NaN), typeof(ArgumentOutOfRangeException), "Exponential", "K NaN"),
        Null("Warmup of null", () => new LrSchedule.Warmup(null!, 5), "Warmup", "After"),
        new("LrSchedule at a negative step", () => ((LrSchedule)0.1).At(-1), typeof(ArgumentOutOfRangeException), "schedule", "step -1", "≥ 0"),
        new("ClipByGlobalNorm transform of 0", () => new ClipByGlobalNorm(0), typeof(ArgumentOutOfRangeException), "ClipByGlobalNorm", "MaxNorm 0"),
        new("MaxNormProjection of NaN", () => new MaxNormProjection(double.NaN), typeof(ArgumentOutOfRangeException), "MaxNormProjection", "C NaN"),
        Arg("Update with gradients of other names", () => Optimizers.Sgd(0.1).Update(WrongName, Optimizers.Sgd(0.1).Init(W), W), "Sgd", "unexpected [v]"),
        ShapeErr("Apply updates of another shape", () => Optim.Apply(W, WrongShape), "Optim.Apply", "'w'", "[3]", "[2]"),
        Arg("Union with a repeated name", () => ParamTrees.Union(W, W), "ParamTree.Union", "'w'", "unique"),
        Arg("Adam update with Sgd's state", () => Optimizers.Adam(0.1).Update(W, Optimizers.Momentum(0.1).Init(W), W), "Adam", "'m'"),
        ShapeErr("Dataset of different lengths", () => new Dataset<double>(Rows4, Tensor.Zeros<double>(new Shape(3))), "Dataset", "[4, 2]", "[3]"),
        Null("Dataset of null", () => new Dataset<double>(null!, Rows4), "x"),
        new("Split fraction 1", () => new Dataset<double>(Rows4, Rows4).Split(1, Rng.FromSeed(1)), typeof(ArgumentOutOfRangeException), "Dataset.Split", "fraction 1", "(0, 1)"),
        new("Rows out of range", () => new Dataset<double>(Rows4, Rows4).Rows([7]), typeof(ArgumentOutOfRangeException), "Dataset.Rows", "row 7", "[0, 4)"),
        new("Batches of size 0", () => Shuffle.Batches([0, 1, 2], 0), typeof(ArgumentOutOfRangeException), "Shuffle.Batches", "batch size 0"),
        new("Permutation of a negative count", () => Shuffle.Permutation(-1, Rng.FromSeed(1)), typeof(ArgumentOutOfRangeException), "Shuffle.Permutation", "n -1"),
        new("FitOptions of no epochs", () => new FitOptions(0, 1), typeof(ArgumentOutOfRangeException), "FitOptions", "Epochs 0", "≥ 1"),
        new("FitOptions negative patience", () => new FitOptions(1, 1, Patience: -1), typeof(ArgumentOutOfRangeException), "FitOptions", "Patience -1"),
        new("FitOptions NaN min delta", () => new FitOptions(1, 1, MinDelta: double.NaN), typeof(ArgumentOutOfRangeException), "FitOptions", "MinDelta NaN"),
        ShapeErr("StepGraph of a vector loss", () => new StepGraph(Fn.Variable("l", 3)), "StepGraph", "[3]", "scalar"),
    ];

    public static TheoryData<string> Names() => BadInput.Names(Cases);

    [Theory]
    [MemberData(nameof(Names))]
    public void Refused_with_a_message_naming_the_call(string name) => Run(Cases, name);
}
