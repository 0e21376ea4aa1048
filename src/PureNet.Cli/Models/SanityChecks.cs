using System.Globalization;
using LanguageExt;
using static PureNet.Fn;

namespace PureNet.Cli;

/// <summary>One baby-sitting check: its name, whether it passed, and the numbers that decided it.</summary>
public sealed record CheckResult(string Name, bool Passed, string Numbers);

/// <summary>
/// The checks a course asks for before a long training run: the initial loss is ln 10 with regularization off; the loss
/// rises when L2 is turned on; the model's gradients agree with numeric differences in double on a small batch; the
/// model can overfit 20 examples to 100% training accuracy; and a short learning-rate sweep finds a usable range.
/// </summary>
public static class SanityChecks
{
    static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>Mean loss of the freshly initialized network (no dropout) on a batch, in double.</summary>
    static double InitialLoss(Network n, HashMap<string, Tensor<double>> init, Tensor<float> x, Tensor<float> y, double l2) =>
        n.LossAndForward(training: false, l2).Loss.Evaluate(Bind(init, x, y)).Scalar;

    static HashMap<string, Tensor<double>> Bind(HashMap<string, Tensor<double>> values, Tensor<float> x, Tensor<float> y) =>
        values.AddOrUpdate(Network.Input.Name, Tensor.Cast<float, double>(x)).AddOrUpdate(Network.Target.Name, Tensor.Cast<float, double>(y));

    public static CheckResult InitialLossIsLn10(Network n, HashMap<string, Tensor<double>> init, Tensor<float> x, Tensor<float> y)
    {
        var loss = InitialLoss(n, init, x, y, 0);
        var expected = Math.Log(FashionMnist.Classes);
        var ok = Math.Abs(loss - expected) <= 0.15 * expected;
        return new("initial loss ≈ ln 10 (regularization off)", ok, $"loss {F(loss)} vs ln 10 = {F(expected)} (|Δ| {F(Math.Abs(loss - expected))}, allowed {F(0.15 * expected)}) on {x.Shape[0]} images");
    }

    public static CheckResult L2RaisesTheLoss(Network n, HashMap<string, Tensor<double>> init, Tensor<float> x, Tensor<float> y, double lambda)
    {
        var off = InitialLoss(n, init, x, y, 0);
        var on = InitialLoss(n, init, x, y, lambda);
        return new($"loss rises with L2 on (λ = {F(lambda)})", on > off, $"loss {F(off)} without, {F(on)} with (+{F(on - off)})");
    }

    /// <summary>
    /// Symbolic gradients against central differences in double along random directions of all parameters at once
    /// (GradCheck's fast mode); a step of 1e-8 keeps the many ReLU and max-pool kinks of a CNN from being crossed
    /// (at 1e-6 cnn-bn crossed one: relative error 2.6e-4), while round-off stays near 1e-8.
    /// </summary>
    public static CheckResult GradientCheck(Network n, HashMap<string, Tensor<double>> init, Tensor<float> x, Tensor<float> y)
    {
        var (loss, _) = n.LossAndForward(training: true, 0);
        var options = new GradCheckOptions(Mode: GradCheckMode.Fast, Step: 1e-8, Stencil: Stencil.Central, Tolerance: 1e-5, Projections: 6);
        var r = GradCheck.Check(loss, Bind(init, x, y), options, [.. n.Parameters.Map(p => p.Name)]);
        return new("gradient check (double, small batch)", r.Passed,
            $"worst of {options.Projections} random directions over {n.Parameters.Count} parameter tensors on {x.Shape[0]} images: analytic {F(r.Analytic)}, numeric {F(r.Numeric)}, relative error {r.Error:G3} (tolerance {r.Tolerance:G3})");
    }

    public static CheckResult Overfits(TrainSettings s, LabeledImages twenty)
    {
        var run = Trainer.Run(s with { Validation = 0, Patience = null, Batch = twenty.Count, L2 = 0, Dropout = 0, Augment = 0 }, twenty, _ => { })
            .IfFail(e => throw new InvalidOperationException(e.Message));
        var accuracy = Predictions.Accuracy(Predictions.Confusion(Predictions.Probabilities(run.Model, twenty), twenty.Labels.Span));
        return new($"overfit {twenty.Count} examples to 100% training accuracy", accuracy == 1.0,
            $"training accuracy {F(accuracy)} after {s.Epochs} steps of {s.Optimizer} lr {F(s.Lr)}; final loss {F(run.History[^1].TrainLoss)}");
    }

    /// <summary>One short run per rate: usable when the epoch's mean loss falls below 90% of ln 10; diverging above 150% or non-finite; else too slow.</summary>
    public static (CheckResult Result, Seq<(double Lr, double Loss, string Verdict)> Rows) LearningRateSweep(TrainSettings s, LabeledImages data, double[] rates)
    {
        var start = Math.Log(FashionMnist.Classes);
        var rows = rates.Select(lr =>
        {
            try
            {
                var run = Trainer.Run(s with { Lr = lr, Validation = 0, Patience = null, L2 = 0, Dropout = 0, Augment = 0 }, data, _ => { })
                    .IfFail(e => throw new InvalidOperationException(e.Message));
                var loss = run.History[^1].TrainLoss;
                return (Lr: lr, Loss: loss, Verdict: loss < 0.9 * start ? "usable" : loss > 1.5 * start ? "diverges" : "too slow");
            }
            catch (ArithmeticException) { return (Lr: lr, Loss: double.NaN, Verdict: "diverges (non-finite loss)"); }
        }).ToArray();
        var usable = rows.Where(r => r.Verdict == "usable").Select(r => r.Lr).ToArray();
        var range = usable.Length == 0 ? "none" : $"{F(usable.Min())} … {F(usable.Max())}";
        return (new("learning-rate sweep finds a usable range", usable.Length > 0,
            $"usable learning rates ({s.Optimizer}, {s.Epochs} epoch(s) on {data.Count} images): {range}; " +
            string.Join(", ", rows.Select(r => $"{F(r.Lr)} → {F(r.Loss)}"))), LanguageExt.Prelude.toSeq(rows).Strict());
    }
}
