using PureNet;

namespace PureNet.Tests;

/// <summary>Fit.Run's per-epoch training data (fresh augmentation each epoch): called per epoch, reproducible, checked.</summary>
public class FitEpochDataTests
{
    /// <summary>The training part with its inputs jittered by a generator of the epoch: a stand-in for augmentation.</summary>
    static Dataset<float> Jittered(int epoch, Dataset<float> part)
    {
        var (noise, _) = Tensor.Uniform<float>(part.X.Shape, Rng.FromSeed(100 + epoch), -0.05, 0.05);
        return new Dataset<float>(Tensor.Add(part.X, noise), part.Y);
    }

    [Fact]
    public void Each_epoch_trains_on_the_data_made_for_it_and_a_seeded_run_repeats_exactly()
    {
        var (model, init) = FitTests.Mlp();
        var data = FitTests.Quadrants(128, 7);
        var options = new FitOptions(Epochs: 4, BatchSize: 32, Seed: 3);
        var epochs = new List<int>();
        var a = Fit.Run(model, init, new Adam(0.02), data, options, epochData: (e, part) => { epochs.Add(e); return Jittered(e, part); });
        var b = Fit.Run(model, init, new Adam(0.02), data, options, epochData: Jittered);
        var plain = Fit.Run(model, init, new Adam(0.02), data, options);
        Assert.Equal([1, 2, 3, 4], epochs);
        Assert.Equal(a.History, b.History);
        Assert.Equal(a.Final.Params, b.Final.Params);
        Assert.NotEqual(plain.History.Head.TrainLoss, a.History.Head.TrainLoss);
        Assert.True(a.History.Last.TrainLoss < a.History.Head.TrainLoss, $"train loss {a.History.Head.TrainLoss} → {a.History.Last.TrainLoss}");
    }

    [Fact]
    public void Epoch_data_of_another_shape_too_few_examples_or_null_is_refused_naming_the_epoch()
    {
        var (model, init) = FitTests.Mlp();
        var data = FitTests.Quadrants(64, 8);
        var options = new FitOptions(Epochs: 3, BatchSize: 16, Seed: 1);
        var wide = new Dataset<float>(Tensor.Zeros<float>(new Shape(64, 3)), data.Y);
        var shape = Assert.Throws<ShapeException>(() => Fit.Run(model, init, new Sgd(0.1), data, options, epochData: (e, part) => e == 2 ? wide : part));
        Assert.Contains("epoch 2", shape.Message);
        var few = Assert.Throws<ArgumentException>(() => Fit.Run(model, init, new Sgd(0.1), data, options, epochData: (e, part) => e == 3 ? part.Rows([0, 1, 2]) : part));
        Assert.Contains("epoch 3", few.Message);
        Assert.Contains("batch size 16", few.Message);
        var none = Assert.Throws<InvalidOperationException>(() => Fit.Run(model, init, new Sgd(0.1), data, options, epochData: (_, _) => null!));
        Assert.Contains("epoch 1", none.Message);
    }
}
