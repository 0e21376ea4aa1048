using LanguageExt;
using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

public class FitTests
{
    /// <summary>Two classes by quadrant (XOR of the signs): not linearly separable, easy for a small MLP.</summary>
    internal static Dataset<float> Quadrants(int n, int seed)
    {
        var (x, _) = Tensor.Uniform<float>(new Shape(n, 2), Rng.FromSeed(seed), -1, 1);
        var xs = x.ToArray();
        var ys = new float[n * 2];
        for (var i = 0; i < n; i++) ys[2 * i + (xs[2 * i] * xs[2 * i + 1] > 0 ? 1 : 0)] = 1;
        return new Dataset<float>(x, Tensor.FromArray<float>(new Shape(n, 2), ys));
    }

    internal static (Model Model, ParamTree<float> Init) Mlp(int hidden = 16, double dropout = 0)
    {
        var x = Variable("x", Dim.Batch, 2);
        var y = Variable("y", Dim.Batch, 2);
        var l1 = new Dense("l1", 2, hidden);
        var l2 = new Dense("l2", hidden, 2);
        var key = KeyVariable("drop.key");
        var model = Model.Of(x, y, l1.Parameters.Concat(l2.Parameters), training =>
        {
            var logits = l2.Apply(Dropout(Activations.Relu(l1.Apply(x)), dropout, training, key));
            return new StepGraph(Losses.SoftmaxCrossEntropy(logits, y), logits);
        });
        var (p1, rng) = l1.Init(Rng.FromSeed(1), (s, r) => Init.HeNormal(s, r));
        return (model, ParamTrees.Union<float>(p1, l2.Init(rng).Params));
    }

    [Fact]
    public void An_mlp_with_adam_fits_the_quadrants_and_the_history_is_a_list_of_epoch_records()
    {
        var (model, init) = Mlp();
        var data = Quadrants(256, 3);
        var r = Fit.Run(model, init, new Adam(0.02), data, new FitOptions(Epochs: 30, BatchSize: 32, Seed: 5, ValidationFraction: 0.25));
        Assert.Equal(30, r.History.Count);
        Assert.Equal(Enumerable.Range(1, 30), r.History.Map(h => h.Epoch));
        Assert.True(r.History.Last.TrainLoss < r.History.Head.TrainLoss / 3, $"train loss {r.History.Head.TrainLoss} → {r.History.Last.TrainLoss}");
        Assert.True(r.History.Last.ValidationAccuracy > 0.9, $"validation accuracy {r.History.Last.ValidationAccuracy}");
        Assert.Equal(30 * 6, r.Final.Step);                             // 192 training examples / 32
        Assert.Equal(r.History.Filter(h => h.Epoch == r.BestEpoch).Head.ValidationLoss, r.History.Map(h => h.ValidationLoss ?? 0).Min());
        Assert.Equal(init.Names, r.Best.Params.Names);
    }

    [Fact]
    public void A_seeded_fit_twice_is_bit_identical_and_another_seed_differs()
    {
        var (model, init) = Mlp(dropout: 0.2);
        var data = Quadrants(64, 4);
        var options = new FitOptions(Epochs: 3, BatchSize: 16, Seed: 11, ValidationFraction: 0.25);
        var a = Fit.Run(model, init, new Momentum(0.05), data, options);
        var b = Fit.Run(model, init, new Momentum(0.05), data, options);
        Assert.Equal(a.History, b.History);
        Assert.Equal(a.Final.Params, b.Final.Params);
        Assert.Equal(a.Final.Opt, b.Final.Opt);
        var c = Fit.Run(model, init, new Momentum(0.05), data, options with { Seed = 12 });
        Assert.NotEqual(a.History, c.History);
    }

    [Fact]
    public void Early_stopping_returns_the_best_epoch_and_stops_after_patience()
    {
        var (model, init) = Mlp();
        var data = Quadrants(128, 6);
        // A rate far too high makes the validation loss worsen after a few epochs.
        var events = new List<FitEvent>();
        var r = Fit.Run(model, init, new Sgd(1.5), data,
            new FitOptions(Epochs: 200, BatchSize: 16, Seed: 1, ValidationFraction: 0.25, Patience: 2), observe: events.Add);
        Assert.True(r.StoppedEarly);
        Assert.Equal(r.BestEpoch + 3, r.History.Count);                 // best, then patience + 1 epochs without improvement
        var (bestLoss, _) = Fit.Evaluate(model, r.Best.All, data, 1000);
        Assert.NotEqual(r.Best.Params, r.Final.Params);
        var bestRecord = r.History[r.BestEpoch - 1];
        Assert.Equal(bestRecord.ValidationLoss, r.History.Map(h => h.ValidationLoss!.Value).Min());
        Assert.True(double.IsFinite(bestLoss));
        Assert.Equal(r.History.Count, events.OfType<FitEvent.EpochDone>().Count());
        Assert.Equal(r.History, Prelude.toSeq(events.OfType<FitEvent.EpochDone>().Select(e => e.Record)));
    }

    [Fact]
    public void The_observer_sees_every_step_and_cannot_change_the_run()
    {
        var (model, init) = Mlp();
        var data = Quadrants(64, 7);
        var options = new FitOptions(Epochs: 2, BatchSize: 16, Seed: 2);
        var steps = new List<FitEvent.StepDone>();
        var watched = Fit.Run(model, init, new Adam(0.01), data, options, observe: e => { if (e is FitEvent.StepDone s) steps.Add(s); });
        var quiet = Fit.Run(model, init, new Adam(0.01), data, options);
        Assert.Equal(quiet.History, watched.History);
        Assert.Equal(quiet.Final.Params, watched.Final.Params);
        Assert.Equal(8, steps.Count);
        Assert.Equal([1, 2, 3, 4, 1, 2, 3, 4], steps.Select(s => s.Step));
        Assert.All(steps, s => Assert.Equal(4, s.StepsInEpoch));
        Assert.Null(watched.History.Head.ValidationLoss);               // no validation: early stopping would watch the training loss
    }

    [Fact]
    public void A_non_finite_loss_stops_naming_the_epoch_and_step_and_keeps_the_last_good_state()
    {
        var (model, init) = Mlp();
        var data = Quadrants(64, 8);
        var ex = Assert.Throws<NonFiniteLossException<float>>(() =>
            Fit.Run(model, init, new Sgd(1e30), data, new FitOptions(Epochs: 5, BatchSize: 16, Seed: 3)));
        Assert.Contains($"epoch {ex.Epoch}, step {ex.Step}", ex.Message);
        Assert.True(ex.LastGood.Params.Fold(true, (ok, _, t) => ok && t.ToArray().All(float.IsFinite)), "the kept parameters are finite");
        Assert.Equal(ex.Epoch - 1, ex.History.Count);
    }

    [Fact]
    public void BatchNorm_running_statistics_go_through_the_fold_as_state()
    {
        var x = Variable("x", Dim.Batch, 2);
        var y = Variable("y", Dim.Batch, 2);
        var l1 = new Dense("l1", 2, 8);
        var bn = new BatchNorm("bn", 8);
        var l2 = new Dense("l2", 8, 2);
        var model = Model.Of(x, y, l1.Parameters.Concat(bn.Parameters).Concat(l2.Parameters), training =>
        {
            var (h, state) = bn.Apply(l1.Apply(x), training);
            var logits = l2.Apply(Activations.Relu(h));
            return new StepGraph(Losses.SoftmaxCrossEntropy(logits, y), logits, state);
        });
        var (p1, rng) = l1.Init(Rng.FromSeed(1));
        var init = ParamTrees.Union<float>(p1, bn.Init(), l2.Init(rng).Params);
        var r = Fit.Run(model, init, new Adam(0.01), Quadrants(64, 9), new FitOptions(Epochs: 2, BatchSize: 16, Seed: 4));
        Assert.Equal(Prelude.Seq("bn.running_mean", "bn.running_var"), r.Final.State.Names);
        Assert.NotEqual(init["bn.running_mean"], r.Final.State["bn.running_mean"]);
        Assert.DoesNotContain("bn.running_mean", r.Final.Params.Names);
    }

    [Fact]
    public void The_fit_loop_takes_gradients_at_the_look_ahead_point_so_both_Nesterov_forms_train_alike()
    {
        // Same seed, same batches: the rewritten form stores x̃ = x + μv, the look-ahead form stores x.
        var (model, init) = Mlp(hidden: 8);
        var f = Quadrants(64, 10);
        var data = new Dataset<double>(Tensor.Cast<float, double>(f.X), Tensor.Cast<float, double>(f.Y));
        var options = new FitOptions(Epochs: 3, BatchSize: 16, Seed: 5);
        var look = new NesterovLookAhead(0.05, 0.9);
        var a = Fit.Run(model, init.Cast<double>(), look, data, options);
        var b = Fit.Run(model, init.Cast<double>(), new Momentum(0.05, 0.9, Nesterov: true), data, options);
        var lookAheadPoint = look.LookAhead(a.Final.Params, a.Final.Opt);
        foreach (var name in init.Names) Close.Equal(lookAheadPoint[name], b.Final.Params[name], 1e-9);
        Assert.Equal(a.History.Map(h => Math.Round(h.TrainLoss, 9)), b.History.Map(h => Math.Round(h.TrainLoss, 9)));
    }
}
