using LanguageExt;
using PureNet;
using static PureNet.Fn;
using static PureNet.Tests.BadInput;

namespace PureNet.Tests;

/// <summary>
/// Adversarial calls on Training (search, metrics, the perceptron, models and the fit loop), as a new user makes them:
/// nulls, NaN and ±∞, labels that are no class, wrong shapes. Each must be refused naming the function, the value and
/// the rule; a bad example in the data is named by its row in the user's data, not in a shuffled batch.
/// </summary>
public class BadInputTraining
{
    static double Zero(Map<string, double> _) => 0;
    static readonly Tensor<double> Scores43 = Tensor.FromArray<double>(new Shape(4, 3), [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0]);
    static Tensor<double> Labels(params double[] v) => Tensor.FromArray<double>(v);
    static readonly PlaResult Pla = Perceptron.Train(Tensor.FromArray<double>(new Shape(2, 2), [1, 1, -1, -1]), Labels(1, -1), 10);

    /// <summary>Logits of a 2 → 3 dense layer against labels [N] (whole numbers in [0, 3)); with or without an output for accuracy.</summary>
    internal static (Model Model, ParamTree<double> Init) Classifier(bool withOutput = true)
    {
        var x = Variable("x", Dim.Batch, 2);
        var labels = Variable("labels", Dim.Batch);
        var dense = new Dense("d", 2, 3);
        var model = Model.Of(x, labels, dense.Parameters, _ =>
        {
            var logits = dense.Apply(x);
            return new StepGraph(Losses.SoftmaxCrossEntropyWithLabels(logits, labels), withOutput ? logits : null);
        });
        return (model, ParamTrees.Of(dense.Init(Rng.FromSeed(1)).Params));
    }

    /// <summary>A 2 → 1 dense layer under a mean squared error; its input has a fixed first axis of <paramref name="examples"/> unless it is the batch.</summary>
    internal static (Model Model, ParamTree<double> Init) Regression(int examples = Dim.Batch)
    {
        var x = Variable("x", examples, 2);
        var y = Variable("y", examples, 1);
        var dense = new Dense("d", 2, 1);
        var model = Model.Of(x, y, dense.Parameters, _ => new StepGraph(Losses.Mse(dense.Apply(x), y)));
        return (model, ParamTrees.Of(dense.Init(Rng.FromSeed(1)).Params));
    }

    static Dataset<double> Pairs(int n) => new(Tensor.Normal<double>(new Shape(n, 2), seed: 4), Tensor.Normal<double>(new Shape(n, 1), seed: 5));

    /// <summary>Eight examples, labels 0, 1, 2, 0, … with <paramref name="bad"/> at data row 5.</summary>
    internal static Dataset<double> Eight(double bad = 1) =>
        new(Tensor.Normal<double>(new Shape(8, 2), seed: 3), Labels([.. Enumerable.Range(0, 8).Select(i => i == 5 ? bad : i % 3)]));

    static FitResult<double> Fit1(Model m, ParamTree<double> init, Dataset<double> data, FitOptions? options = null,
        Dataset<double>? validation = null, Func<int, Dataset<double>, Dataset<double>>? epochData = null) =>
        Fit.Run(m, init, new Sgd(0.1), data, options ?? new FitOptions(Epochs: 3, BatchSize: 4, Seed: 7), validation, epochData: epochData);

    public static readonly BadCase[] Cases =
    [
        // Search
        Null("Search.Random with a null dimension", () => Search.Random([new Dimension.Uniform("a", 0, 1), null!], 2, 1, Zero), "Search.Random", "space[1]"),
        Null("Search.Random of a null space", () => Search.Random(null!, 2, 1, Zero), "Search.Random", "space"),
        Null("Search.Random without a score", () => Search.Random([new Dimension.Uniform("a", 0, 1)], 2, 1, null!), "Search.Random", "score"),
        Arg("Search.Random with two dimensions of one name", () => Search.Random([new Dimension.Uniform("lr", 0, 1), new Dimension.Uniform("wd", 0, 1), new Dimension.LogUniform("lr", 1e-3, 1)], 2, 1, Zero), "Search.Random", "'lr'", "unique"),
        new("Search.Random of no trials", () => Search.Random([new Dimension.Uniform("a", 0, 1)], 0, 1, Zero), typeof(ArgumentOutOfRangeException), "Search.Random", "trials 0", "≥ 1"),
        Arg("Search.Grid with two axes of one name", () => Search.Grid([("wd", [0.0]), ("lr", [0.1]), ("wd", [1.0])], Zero), "Search.Grid", "'wd'", "unique"),
        Arg("Search.Grid with a NaN value", () => Search.Grid([("lr", [0.1, double.NaN])], Zero), "Search.Grid", "'lr'", "NaN", "position 1", "finite"),
        Arg("Search.Grid with an infinite value", () => Search.Grid([("lr", [double.PositiveInfinity])], Zero), "Search.Grid", "'lr'", "value Infinity", "finite"),
        Arg("Search.Grid with null values", () => Search.Grid([("lr", null!)], Zero), "Search.Grid", "'lr'", "no values"),
        Null("Search.Grid of null axes", () => Search.Grid(null!, Zero), "Search.Grid", "axes"),
        Arg("Dimension.Choice with a NaN value", () => new Dimension.Choice("w", 16, double.NaN), "Dimension.Choice 'w'", "NaN", "finite"),
        Arg("SearchResult of no trials", () => new SearchResult([], true), "SearchResult", "trials", "at least one"),
        Null("SearchResult with a null trial", () => new SearchResult([null!], true), "SearchResult", "trials[0]"),

        // Metrics
        Arg("Metrics.Accuracy with a label past the classes", () => Metrics.Accuracy(Scores43, Labels(0, 3, 2, 0)), "Metrics.Accuracy", "label 3", "row 1", "[0, 3)"),
        Arg("Metrics.Accuracy with a negative label", () => Metrics.Accuracy(Scores43, Labels(0, 1, -1, 0)), "Metrics.Accuracy", "label -1", "row 2", "[0, 3)"),
        Arg("Metrics.Accuracy with a NaN label", () => Metrics.Accuracy(Scores43, Labels(double.NaN, 1, 2, 0)), "Metrics.Accuracy", "NaN", "row 0", "finite"),
        Arg("Metrics.Accuracy of one score per row against three-class labels", () => Metrics.Accuracy(Labels(0.5, -1, 2, 0.1), Labels(0, 1, 2, 0)), "Metrics.Accuracy", "target 2", "row 2", "two classes"),
        Arg("Metrics.Accuracy with a fractional label", () => Metrics.Accuracy(Scores43, Labels(0, 1.5, 2, 0)), "Metrics.Accuracy", "label 1.5", "whole numbers"),
        Arg("Metrics.Correct with an infinite one-hot target", () => Metrics.Correct(Scores43, Tensor.FromArray<double>(new Shape(4, 3), [double.PositiveInfinity, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0])), "Metrics.Correct", "Infinity", "row 0"),
        Arg("Metrics.Correct with a NaN sign target", () => Metrics.Correct(Tensor.Ones<double>(new Shape(2, 1)), Labels(1, double.NaN)), "Metrics.Correct", "NaN", "row 1"),
        ShapeErr("Metrics.Accuracy of one score against one-hot targets", () => Metrics.Accuracy(Tensor.Ones<double>(new Shape(4, 1)), Scores43), "Metrics.Accuracy", "[4, 1]", "[4, 3]", "one score per row"),
        ShapeErr("Metrics.Accuracy of a scalar output", () => Metrics.Accuracy(Tensor.Scalar(1.0), Labels(1)), "Metrics.Accuracy", "output []", "rank 0", "[N, C]"),
        ShapeErr("Metrics.Correct of scalar targets", () => Metrics.Correct(Scores43, Tensor.Scalar(1.0)), "Metrics.Correct", "targets []", "rank 0"),
        ShapeErr("Metrics.Correct of a rank-3 output", () => Metrics.Correct(Tensor.Ones<double>(new Shape(4, 3, 2)), Labels(0, 1, 2, 0)), "Metrics.Correct", "[4, 3, 2]", "rank 3"),
        ShapeErr("Metrics.Correct of rows that differ", () => Metrics.Correct(Scores43, Labels(0, 1, 2)), "Metrics.Correct", "[4, 3]", "[3]", "4 and 3 rows"),
        ShapeErr("Metrics.Correct of targets of another width", () => Metrics.Correct(Scores43, Tensor.Ones<double>(new Shape(4, 2))), "Metrics.Correct", "[4, 2]", "one-hot [N, 3]"),
        Null("Metrics.Accuracy of a null output", () => Metrics.Accuracy(null!, Labels(1)), "Metrics.Accuracy", "output"),

        // Perceptron
        ShapeErr("PlaResult.Predict of a scalar", () => Pla.Predict(Tensor.Scalar(1.0)), "PlaResult.Predict", "x []", "[N, 2]"),
        ShapeErr("PlaResult.Predict of rows of another width", () => Pla.Predict(Tensor.Ones<double>(new Shape(3, 5))), "PlaResult.Predict", "[3, 5]", "[N, 2]"),
        Arg("PlaResult.Predict of a NaN feature", () => Pla.Predict(Tensor.FromArray<double>(new Shape(2, 2), [1, 1, double.NaN, 0])), "PlaResult.Predict", "x[1, 0]", "NaN", "finite"),
        Null("PlaResult.Predict of null", () => Pla.Predict(null!), "PlaResult.Predict", "x"),
        ShapeErr("Perceptron.Train of a scalar", () => Perceptron.Train(Tensor.Scalar(1.0), Labels(1), 3), "Perceptron.Train", "x []", "[N, D]"),
        Arg("Perceptron.Train with a NaN feature", () => Perceptron.Train(Tensor.FromArray<double>(new Shape(2, 2), [1, double.NaN, 0, 1]), Labels(1, -1), 3), "Perceptron.Train", "x[0, 1]", "NaN"),
        Arg("Perceptron.Train with an infinite feature", () => Perceptron.Train(Tensor.FromArray<double>(new Shape(2, 2), [1, 0, 0, double.NegativeInfinity]), Labels(1, -1), 3), "Perceptron.Train", "x[1, 1]", "-Infinity"),
        ShapeErr("Perceptron.Train with scalar labels", () => Perceptron.Train(Tensor.Ones<double>(new Shape(2, 2)), Tensor.Scalar(1.0), 3), "Perceptron.Train", "y []", "[N]"),
        new("Perceptron.Train for no epochs", () => Perceptron.Train(Tensor.Ones<double>(new Shape(2, 2)), Labels(1, -1), 0), typeof(ArgumentOutOfRangeException), "Perceptron.Train", "maxEpochs 0", "≥ 1"),
        Null("PlaResult of null weights", () => new PlaResult(null!, 0, 0, 1, true, [0]), "PlaResult", "w"),
        Arg("PlaResult of a NaN bias", () => new PlaResult(Labels(1, 2), double.NaN, 0, 1, true, [0]), "PlaResult", "b NaN", "finite"),
        ShapeErr("Perceptron.Apply of a scalar input", () => Perceptron.Apply(Scalar(1), Variable("w", 2, 1), Variable("b", 1)), "Perceptron.Apply", "x has shape []", "rank ≥ 1"),
        Arg("Search.Grid with a null axis name", () => Search.Grid([(null!, [1.0])], Zero), "Search.Grid", "no name (null)"),
        Arg("Fit.Run with a tree missing a parameter", () => Fit1(Classifier().Model, ParamTree<double>.Empty, Eight()), "Fit.Run: the initial tree has no 'd.W'", "parameter"),
        Null("Perceptron.Apply of a null bias", () => Perceptron.Apply(Variable("x", 2, 2), Variable("w", 2, 1), null!), "Perceptron.Apply", "b"),

        // Model
        Arg("Model.Of with no parameters", () => Model.Of(Variable("x", Dim.Batch, 2), Variable("y", Dim.Batch), [], _ => new StepGraph(Scalar(0))), "Model", "no parameters"),
        Null("Model.Of with a null parameter", () => Model.Of(Variable("x", Dim.Batch, 2), Variable("y", Dim.Batch), [Variable("w", 2), null!], _ => new StepGraph(Scalar(0))), "Model", "parameters[1]"),
        Arg("Model.Of with a parameter twice", () => Model.Of(Variable("x", Dim.Batch, 2), Variable("y", Dim.Batch), [Variable("w", 2), Variable("b", 1), Variable("w", 2)], _ => new StepGraph(Scalar(0))), "Model", "'w'", "unique"),
        Arg("Model.Of with the input as a parameter", () => Model.Of(Variable("x", Dim.Batch, 2), Variable("y", Dim.Batch), [Variable("x", Dim.Batch, 2)], _ => new StepGraph(Scalar(0))), "Model", "'x'", "input"),
        Null("Model.Of without a graph", () => Model.Of(Variable("x", Dim.Batch, 2), Variable("y", Dim.Batch), [Variable("w", 2)], null!), "Model.Of", "graph"),
        Null("StepGraph of a null loss", () => new StepGraph(null!), "StepGraph", "Loss"),

        // Fit
        Arg("Fit.Run with a label past the classes", () => Fit1(Classifier(withOutput: false).Model, Classifier().Init, Eight(bad: 7)), "Fit.Run", "epoch 1", "label 7", "data row 5", "[0, 3)"),
        Arg("Fit.Run with a label past the classes and a validation split", () => Fit1(Classifier().Model, Classifier().Init, Eight(bad: 3), new FitOptions(2, 2, Seed: 3, ValidationFraction: 0.25)), "Fit.Run", "epoch 1", "label 3", "data row 5"),
        Arg("Fit.Run with a NaN label", () => Fit1(Classifier().Model, Classifier().Init, Eight(bad: double.NaN)), "Fit.Run", "NaN", "data row 5"),
        Arg("Fit.Run with a bad label in the validation data", () => Fit1(Classifier().Model, Classifier().Init, Eight(), validation: Eight(bad: -2)), "Fit.Run", "validation", "label -2", "validation row 5"),
        Arg("Fit.Run with a bad label from epochData", () => Fit1(Classifier().Model, Classifier().Init, Eight(), epochData: (e, d) => e == 2 ? Eight(bad: 9) : d), "Fit.Run", "epoch 2", "label 9", "epochData row 5"),
        ShapeErr("Fit.Run with a model input without the batch axis", () => Fit1(Regression(examples: 8).Model, Regression().Init, Pairs(8)), "Fit.Run", "input variable 'x'", "[8, 2]", "without the batch axis", "Dim.Batch"),
        ShapeErr("Fit.Run with an output that cannot be scored against the targets", () => Fit.Run(
            Model.Of(Variable("x", Dim.Batch, 2), Variable("y", Dim.Batch, 3), [Variable("w", 2, 1)], _ => new StepGraph(Mean(MatMul(Variable("x", Dim.Batch, 2), Variable("w", 2, 1))), MatMul(Variable("x", Dim.Batch, 2), Variable("w", 2, 1)))),
            ParamTrees.Of(("w", Tensor.Zeros<double>(new Shape(2, 1)))), new Sgd(0.1), new Dataset<double>(Tensor.Zeros<double>(new Shape(4, 2)), Tensor.Zeros<double>(new Shape(4, 3))), new FitOptions(1, 2)),
            "Fit.Run", "output", "[Batch, 1]", "[Batch, 3]"),
        Null("Fit.Run of a null model", () => Fit1(null!, Classifier().Init, Eight()), "Fit.Run", "model"),
        Null("Fit.Run of null options", () => Fit.Run(Classifier().Model, Classifier().Init, new Sgd(0.1), Eight(), null!), "Fit.Run", "options"),
        Null("Fit.Evaluate of null data", () => Fit.Evaluate(Classifier().Model, Classifier().Init, null!, 4), "Fit.Evaluate", "data"),
        new("Fit.Evaluate with batch size 0", () => Fit.Evaluate(Classifier().Model, Classifier().Init, Eight(), 0), typeof(ArgumentOutOfRangeException), "Fit.Evaluate", "batchSize 0", "≥ 1"),
        Arg("Fit.Evaluate with a label past the classes", () => Fit.Evaluate(Classifier().Model, Classifier().Init, Eight(bad: 4), 3), "Fit.Evaluate", "label 4", "data row 5"),
        Null("Shuffle.Batches of null", () => Shuffle.Batches(null!, 2), "Shuffle.Batches", "order"),
    ];

    public static TheoryData<string> Names() => BadInput.Names(Cases);

    [Theory]
    [MemberData(nameof(Names))]
    public void Refused_with_a_message_naming_the_call(string name) => Run(Cases, name);

    [Fact]
    public void A_row_whose_output_is_NaN_predicts_no_class_and_counts_as_wrong()
    {
        var output = Tensor.FromArray<double>(new Shape(3, 3), [double.NaN, 0, 0, 0, 1, 0, 0, 0, double.NaN]);
        Assert.Equal(1, Metrics.Correct(output, Labels(0, 1, 2)));
        Assert.Equal(0.0, Metrics.Accuracy(Tensor.FromArray<double>(new Shape(2, 1), [double.NaN, double.NaN]), Labels(-1, 1)));
    }

    [Fact]
    public void Labels_that_are_classes_train_and_score_as_before()
    {
        var (model, init) = Classifier();
        var r = Fit1(model, init, Eight());
        Assert.Equal(3, r.History.Count);
        Assert.Equal(1.0, Metrics.Accuracy(Scores43, Labels(0, 1, 2, 0)));
        Assert.Equal(0.5, Metrics.Accuracy(Scores43, Labels(0, 1, 0, 1)));
    }
}
