using PureNet.Cli;

namespace PureNet.Cli.Tests;

public class DataTests
{
    static readonly LabeledImages Embedded = FashionMnist.Load(FashionMnist.EmbeddedDirectory).Match(Succ: d => d.Train, Fail: e => throw new Xunit.Sdk.XunitException(string.Join("; ", e)));

    [Fact]
    public void The_embedded_subset_is_label_balanced()
    {
        var (train, test) = FashionMnist.Load(FashionMnist.EmbeddedDirectory).Match(Succ: d => d, Fail: e => throw new Xunit.Sdk.XunitException(string.Join("; ", e)));
        Assert.Equal((6000, 1000), (train.Count, test.Count));
        Assert.All(train.ClassCounts(), n => Assert.Equal(600, n));
        Assert.All(test.ClassCounts(), n => Assert.Equal(100, n));
    }

    [Fact]
    public void Stratified_sampling_is_balanced_seeded_and_disjoint()
    {
        var (a, restA, _) = Stratified.Sample(Embedded, 5, Rng.FromSeed(1));
        var (b, _, _) = Stratified.Sample(Embedded, 5, Rng.FromSeed(1));
        var (c, _, _) = Stratified.Sample(Embedded, 5, Rng.FromSeed(2));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.All(Embedded.Select(a).ClassCounts(), n => Assert.Equal(5, n));
        Assert.Empty(a.Intersect(restA));
        Assert.Equal(Embedded.Count, a.Length + restA.Length);
        Assert.Throws<ArgumentException>(() => Stratified.Sample(Embedded.Take(20), 5, Rng.FromSeed(1)));
    }

    [Fact]
    public void Preprocessing_statistics_come_from_the_training_split_only()
    {
        var train = Embedded.Take(1000);
        var other = Embedded.Select([.. Enumerable.Range(1000, 1000)]);
        var pre = Preprocessing.Fit(train);
        var x = pre.Apply(train).Span;
        // On the split it was fitted on: every pixel's mean is 0 and the overall standard deviation 1.
        var means = new double[784];
        for (var i = 0; i < x.Length; i++) means[i % 784] += x[i] / 1000.0;
        Assert.All(means, m => Assert.True(Math.Abs(m) < 1e-4, $"{m}"));
        double ss = 0;
        foreach (var v in x) ss += v * (double)v;
        Assert.Equal(1.0, Math.Sqrt(ss / x.Length), 4);
        // On other data the same statistics are applied unchanged (so that data is not exactly centred).
        Assert.NotEqual(pre, Preprocessing.Fit(other));
        var y = pre.Apply(other).Span;
        var image = other.Image(0);
        Assert.Equal((image[400] / 255f - pre.Mean[400]) / pre.Std, y[400], 6);
        // The run's saved statistics are those of its training part, without the validation images.
        var run = (TrainOutcome)Trainer.Run(new TrainSettings(Epochs: 1, Batch: 100, Validation: 0.2), train, _ => { });
        Assert.Equal(1000, run.TrainPart.Count + run.Validation!.Count);
        Assert.True(run.Validation.Count >= 100);
        Assert.Equal(Preprocessing.Fit(run.TrainPart), run.Model.Preprocessing);
        Assert.NotEqual(Preprocessing.Fit(train), run.Model.Preprocessing);
        // And they survive the model file.
        using var dir = new TempDir();
        ModelFile.Save(dir.File("m.safetensors"), run.Model);
        Assert.Equal(run.Model.Preprocessing, ((SavedModel)ModelFile.Load(dir.File("m.safetensors"))).Preprocessing);
    }

    [Fact]
    public void Augmentation_is_seeded_and_a_pure_flip_mirrors_the_image()
    {
        var few = Embedded.Take(8);
        var (a, _) = new Augmentation().Apply(few, Rng.FromSeed(5));
        var (b, _) = new Augmentation().Apply(few, Rng.FromSeed(5));
        var (c, _) = new Augmentation().Apply(few, Rng.FromSeed(6));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(few.Labels.ToArray(), a.Labels.ToArray());
        Assert.Same(few, Augmentation.None.Apply(few, Rng.FromSeed(5)).Images);

        var src = few.Image(3);
        var flipped = new byte[784];
        Augmentation.Warp(src, flipped, 28, 28, 0, 0, flip: true, angle: 0);
        for (var r = 0; r < 28; r++) for (var col = 0; col < 28; col++) Assert.Equal(src[r * 28 + 27 - col], flipped[r * 28 + col]);
        var shifted = new byte[784];
        Augmentation.Warp(src, shifted, 28, 28, 2, 1, flip: false, angle: 0);
        Assert.Equal(src[10 * 28 + 10], shifted[11 * 28 + 12]);
        Assert.Equal(0, shifted[0]);
    }

    [Fact]
    public void Model_files_round_trip_every_tensor_and_the_metadata()
    {
        var network = Network.Create("cnn-bn", 0.3, 1e-4);
        var values = ParamTrees.Union<float>(network.Init(Rng.FromSeed(1))).Tensors;
        var pre = Preprocessing.Fit(Embedded.Take(50));
        var model = new SavedModel(network, pre, values, 0.3, 1);
        using var dir = new TempDir();
        ModelFile.Save(dir.File("m.safetensors"), model);
        var back = (SavedModel)ModelFile.Load(dir.File("m.safetensors"));
        Assert.Equal("cnn-bn", back.Network.Kind);
        Assert.Equal((0.3, 1e-4), (back.Dropout, back.Network.L2));
        foreach (var v in network.Parameters.Concat(network.StateVariables())) Assert.Equal(values[v.Name], back.Values[v.Name]);
        var file = (SafetensorsFile)Safetensors.Read(dir.File("m.safetensors"));
        Assert.Equal("bn1.running_mean,bn1.running_var,bn2.running_mean,bn2.running_var,bn3.running_mean,bn3.running_var", file.Metadata["purenet.state"]);
        Assert.Equal("cnn-bn", file.Metadata["purenet.model"]);
        Assert.Contains("\"std\"", file.Metadata["purenet.preprocessing"]);
    }
}
