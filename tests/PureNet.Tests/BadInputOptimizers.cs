using LanguageExt;
using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>Bad input to the optimizers, schedules, fit loop, search, second-order methods and PLA: each throws a clear exception naming the function, the value and the rule.</summary>
public class BadInputOptimizers
{
    static void Rejects<TException>(Action call, params string[] mentions) where TException : Exception
    {
        var ex = Assert.ThrowsAny<TException>(call);
        foreach (var m in mentions) Assert.Contains(m, ex.Message);
    }

    static readonly ParamTree<double> P = ParamTrees.Of(("w", Tensor.FromArray(1.0, 2.0)));

    [Fact]
    public void Learning_rates_must_be_finite_and_non_negative()
    {
        foreach (var lr in new[] { -0.1, double.NaN, double.PositiveInfinity })
        {
            Rejects<ArgumentOutOfRangeException>(() => _ = new Sgd(lr), "Sgd", "Lr", $"{lr}", "finite and ≥ 0");
            Rejects<ArgumentOutOfRangeException>(() => _ = new Adam(lr), "Adam", "Lr", $"{lr}");
            Rejects<ArgumentOutOfRangeException>(() => _ = Optimizers.ByName("rmsprop", lr), "RmsProp", "Lr");
            Rejects<ArgumentOutOfRangeException>(() => _ = new LrSchedule.Cosine(lr, 10), "Cosine", "Initial", $"{lr}");
        }
        Rejects<ArgumentNullException>(() => _ = new Momentum(null!), "Momentum", "Lr");
        Rejects<ArgumentOutOfRangeException>(() => _ = new LrSchedule.Warmup(-1.0, 5), "Warmup", "After", "-1");
    }

    [Fact]
    public void Betas_momentum_and_decay_must_lie_in_zero_one_and_eps_must_be_positive()
    {
        foreach (var beta in new[] { -0.1, 1.0, 1.5, double.NaN })
        {
            Rejects<ArgumentOutOfRangeException>(() => _ = new Adam(0.1, Beta1: beta), "Adam", "Beta1", $"{beta}", "[0, 1)");
            Rejects<ArgumentOutOfRangeException>(() => _ = new Adam(0.1, Beta2: beta), "Adam", "Beta2", $"{beta}", "[0, 1)");
            Rejects<ArgumentOutOfRangeException>(() => _ = new Momentum(0.1, beta), "Momentum", "Mu", $"{beta}", "[0, 1)");
            Rejects<ArgumentOutOfRangeException>(() => _ = new NesterovLookAhead(0.1, beta), "NesterovLookAhead", "Mu", "[0, 1)");
            Rejects<ArgumentOutOfRangeException>(() => _ = new RmsProp(0.1, beta), "RmsProp", "Decay", "[0, 1)");
        }
        foreach (var eps in new[] { 0.0, -1e-8, double.NaN })
        {
            Rejects<ArgumentOutOfRangeException>(() => _ = new Adam(0.1, Eps: eps), "Adam", "Eps", "> 0");
            Rejects<ArgumentOutOfRangeException>(() => _ = new AdaGrad(0.1, eps), "AdaGrad", "Eps", "> 0");
            Rejects<ArgumentOutOfRangeException>(() => _ = new RmsProp(0.1, Eps: eps), "RmsProp", "Eps", "> 0");
        }
        Rejects<ArgumentOutOfRangeException>(() => _ = Optimizers.AdamW(0.1, weightDecay: -1), "AdamW", "weightDecay", "-1");
        Rejects<ArgumentOutOfRangeException>(() => _ = new AddWeightDecay(double.NaN), "AddWeightDecay", "Lambda");
        Rejects<ArgumentOutOfRangeException>(() => _ = new ClipByGlobalNorm(0), "ClipByGlobalNorm", "MaxNorm", "> 0");
        Rejects<ArgumentOutOfRangeException>(() => _ = new ClipByValue(-1), "ClipByValue", "Limit", "-1");
        Rejects<ArgumentOutOfRangeException>(() => _ = new MaxNormProjection(0), "MaxNormProjection", "C");
        Rejects<ArgumentException>(() => _ = Optimizers.ByName("adamax", 0.1), "Optimizers.ByName", "adamax", "sgd, momentum");
        Rejects<ArgumentException>(() => _ = Schedules.ByName("linear", 0.1), "Schedules.ByName", "linear", "cosine");
        Rejects<ArgumentException>(() => _ = Optim.Chain(), "Chain", "at least one");
    }

    [Fact]
    public void Gradients_and_states_must_match_the_parameters()
    {
        var adam = new Adam(0.1);
        var s = adam.Init(P);
        Rejects<ArgumentException>(() => adam.Update(ParamTrees.Of(("v", Tensor.FromArray(1.0, 2.0))), s, P), "Adam", "missing [w]", "unexpected [v]");
        Rejects<ShapeException>(() => adam.Update(ParamTrees.Of(("w", Tensor.FromArray(1.0, 2.0, 3.0))), s, P), "Adam", "'w'", "[3]", "[2]");
        Rejects<ArgumentException>(() => adam.Update(P, new Momentum(0.1).Init(P), P), "Adam", "no 'm' moments", "[v]");
        Rejects<ArgumentException>(() => Optim.Chain(adam, adam).Update(P, s, P), "Chain", "0 part states for 2");
        Rejects<ArgumentException>(() => Optim.Apply(P, ParamTrees.Of(("u", Tensor.FromArray(1.0, 2.0)))), "Optim.Apply", "missing [w]");
        Rejects<ArgumentException>(() => P.ZipWith(P.With("x", Tensor.FromArray(1.0)), (a, b) => a), "ZipWith", "unexpected [x]");
        Rejects<KeyNotFoundException>(() => _ = P["nope"], "ParamTree", "'nope'", "[w]");
        Rejects<ArgumentException>(() => new ClipByGlobalNorm(1).Update(ParamTrees.Of(("w", Tensor.FromArray(double.NaN, 1.0))), OptState<double>.Empty, P), "ClipByGlobalNorm", "NaN");
    }

    [Fact]
    public void Schedules_refuse_negative_steps_and_bad_shapes()
    {
        LrSchedule[] all = [0.1, new LrSchedule.StepDecay(1, 0.5, 2), new LrSchedule.Exponential(1, 0.1), new LrSchedule.InverseTime(1, 0.1), new LrSchedule.Cosine(1, 10), new LrSchedule.Warmup(1.0, 3)];
        foreach (var s in all) Rejects<ArgumentOutOfRangeException>(() => s.At(-1), "schedule", "step -1", "≥ 0");
        Rejects<ArgumentOutOfRangeException>(() => _ = new LrSchedule.StepDecay(1, 0.5, 0), "StepDecay", "Every 0", "≥ 1");
        Rejects<ArgumentOutOfRangeException>(() => _ = new LrSchedule.StepDecay(1, 1.5, 2), "StepDecay", "Factor 1.5", "[0, 1]");
        Rejects<ArgumentOutOfRangeException>(() => _ = new LrSchedule.Cosine(1, 0), "Cosine", "Steps 0");
        Rejects<ArgumentOutOfRangeException>(() => _ = new LrSchedule.Exponential(1, -0.1), "Exponential", "K -0.1");
        Rejects<ArgumentOutOfRangeException>(() => new LrSchedule.Constant(-2).At(0), "Constant", "-2");
    }

    [Fact]
    public void Fit_options_and_data_are_checked_before_any_step()
    {
        Rejects<ArgumentOutOfRangeException>(() => _ = new FitOptions(Epochs: 1, BatchSize: 0), "FitOptions", "BatchSize 0", "≥ 1");
        Rejects<ArgumentOutOfRangeException>(() => _ = new FitOptions(Epochs: 0, BatchSize: 1), "FitOptions", "Epochs 0");
        foreach (var f in new[] { 0.0, 1.0, -0.2, double.NaN })
            Rejects<ArgumentOutOfRangeException>(() => _ = new FitOptions(1, 1, ValidationFraction: f), "FitOptions", $"ValidationFraction {f}", "(0, 1)");
        Rejects<ArgumentOutOfRangeException>(() => _ = new FitOptions(1, 1, Patience: -1), "FitOptions", "Patience -1", "≥ 0");

        var (model, init) = FitTests.Mlp();
        var data = FitTests.Quadrants(8, 1);
        Rejects<ArgumentOutOfRangeException>(() => Fit.Run(model, init, new Sgd(0.1), data, new FitOptions(1, 9)), "Fit", "batch size 9", "8 training examples");
        Rejects<ArgumentOutOfRangeException>(() => Fit.Run(model, init, new Sgd(0.1), data, new FitOptions(1, 8, ValidationFraction: 0.5)), "batch size 8", "4 training examples");
        var empty = new Dataset<float>(Tensor.Zeros<float>(new Shape(0, 2)), Tensor.Zeros<float>(new Shape(0, 2)));
        Rejects<ArgumentException>(() => Fit.Run(model, init, new Sgd(0.1), empty, new FitOptions(1, 1)), "Fit", "no examples");
        Rejects<ArgumentException>(() => Fit.Run(model, init.Where(n => n != "l2.b"), new Sgd(0.1), data, new FitOptions(1, 4)), "Fit", "'l2.b'", "parameter");
        Rejects<ShapeException>(() => Fit.Run(model, init.With("l2.b", Tensor.Zeros<float>(new Shape(3))), new Sgd(0.1), data, new FitOptions(1, 4)), "Fit", "'l2.b'", "[3]");
        var wide = new Dataset<float>(Tensor.Zeros<float>(new Shape(8, 3)), data.Y);
        Rejects<ShapeException>(() => Fit.Run(model, init, new Sgd(0.1), wide, new FitOptions(1, 4)), "Fit", "input variable 'x'", "[8, 3]");
        Rejects<ShapeException>(() => _ = new Dataset<float>(Tensor.Zeros<float>(new Shape(3, 2)), Tensor.Zeros<float>(new Shape(4, 2))), "Dataset", "[3, 2]", "[4, 2]");
        Rejects<ArgumentOutOfRangeException>(() => data.Split(1.5, Rng.FromSeed(1)), "Dataset.Split", "1.5", "(0, 1)");
        Rejects<ShapeException>(() => _ = new StepGraph(Variable("l", Dim.Batch, 1)), "StepGraph", "scalar");
        Rejects<ArgumentException>(() => _ = new Model(Variable("x", 1), Variable("y", 1), Seq<Variable>.Empty, new StepGraph(Scalar(0)), new StepGraph(Scalar(0))), "Model", "no parameters");
    }

    [Fact]
    public void Second_order_methods_search_and_pla_check_their_arguments()
    {
        var x = Variable("x", 2);
        var f = Sum(x * x);
        var start = ParamTrees.Of(("x", Tensor.FromArray(1.0, 1.0)));
        Rejects<ShapeException>(() => Lbfgs.Minimize(x * x, start), "Lbfgs", "scalar");
        Rejects<ArgumentException>(() => Lbfgs.Minimize(f, ParamTrees.Of(("y", Tensor.FromArray(1.0)))), "Lbfgs", "'y'", "does not read", "[x]");
        Rejects<ArgumentException>(() => Lbfgs.Minimize(f + Sum(Variable("z", 1)), start), "Lbfgs", "'z'", "fixed bindings");
        Rejects<ShapeException>(() => Newton.Minimize(f, ParamTrees.Of(("x", Tensor.FromArray(1.0, 1.0, 1.0)))), "Newton", "'x'", "[2]", "[3]");
        Rejects<ArgumentOutOfRangeException>(() => Newton.Minimize(f, start, damping: -1), "Newton", "damping -1");
        Rejects<ArgumentOutOfRangeException>(() => Newton.Minimize(f, start, stepSize: 0), "Newton", "stepSize 0", "(0, 1]");
        Rejects<ArgumentOutOfRangeException>(() => Lbfgs.Minimize(f, start, memory: 0), "Lbfgs", "memory 0");
        Rejects<ArgumentOutOfRangeException>(() => Lbfgs.Minimize(f, start, c1: 0.95, c2: 0.9), "Lbfgs", "0 < c1 < c2 < 1");

        Rejects<ArgumentOutOfRangeException>(() => _ = new Dimension.LogUniform("lr", 0, 1), "LogUniform", "low > 0");
        Rejects<ArgumentOutOfRangeException>(() => _ = new Dimension.Uniform("wd", 1, 1), "Uniform", "low < high");
        Rejects<ArgumentException>(() => _ = new Dimension.Choice("w"), "Choice", "at least one");
        Rejects<ArgumentOutOfRangeException>(() => Search.Random([new Dimension.Uniform("a", 0, 1)], 0, 1, _ => 0), "Search.Random", "trials 0");
        Rejects<ArgumentException>(() => Search.Grid([("a", Array.Empty<double>())], _ => 0), "Search.Grid", "'a'", "no values");

        var xs = Tensor.FromRows([1.0, 0], [0.0, 1]);
        Rejects<ArgumentException>(() => Perceptron.Train(xs, Tensor.FromArray(1.0, 0.0), 5), "Perceptron.Train", "label 0", "row 1", "−1 or +1");
        Rejects<ShapeException>(() => Perceptron.Train(xs, Tensor.FromArray(1.0), 5), "Perceptron.Train", "[2, 2]", "[1]");
        Rejects<ArgumentOutOfRangeException>(() => Perceptron.Train(xs, Tensor.FromArray(1.0, -1.0), 0), "Perceptron.Train", "maxEpochs 0");
    }
}
