using LanguageExt;
using static LanguageExt.Prelude;

namespace PureNet.Cli;

/// <summary>
/// Hidden: draws the embedded subset from the full Fashion-MNIST files — a label-balanced, seeded sample of the official
/// train split and of the official t10k split, written as gzip IDX files. The README records the exact command.
/// </summary>
public static class DrawSubsetCommand
{
    public static Command Command { get; } = new("draw-subset", "Draw the embedded label-balanced subset from the full Fashion-MNIST files.",
    [
        new("from", "DIR", "Directory with the four official IDX files.", "/usr/share/datasets/fashion-mnist"),
        new("out", "DIR", "Where to write the four subset files (gzip IDX).", "data/fashion-mnist-subset", Short: "-o"),
        new("train", "N", "Training images, a multiple of 10 (N/10 per class).", "6000", Rule: Rule.Int(10)),
        new("test", "N", "Test images, a multiple of 10.", "1000", Rule: Rule.Int(10)),
        new("seed", "S", "Seed of the per-class shuffles.", "15", Short: "-s", Rule: Rule.AnyInt),
    ], Run, Hidden: true);

    static Fin<int> Run(Args a, Terminal t) =>
        from source in a.String("from")
        from output in a.String("out")
        from train in a.Int("train")
        from test in a.Int("test")
        from seed in a.Int("seed")
        from data in FashionMnist.Load(source).ToFin()
        from _ in train % 10 == 0 && test % 10 == 0 ? FinSucc(unit) : FinFail<Unit>(LanguageExt.Common.Error.New("draw-subset: --train and --test must be multiples of 10 (label-balanced)."))
        select Write(t, output, data.Train, data.Test, train / 10, test / 10, seed);

    static int Write(Terminal t, string output, LabeledImages train, LabeledImages test, int trainPerClass, int testPerClass, int seed)
    {
        var rng = Rng.FromSeed(seed);
        (var trainIdx, _, rng) = Stratified.Sample(train, trainPerClass, rng);
        (var testIdx, _, _) = Stratified.Sample(test, testPerClass, rng);
        foreach (var (name, set) in new[] { ("train", train.Select(trainIdx)), ("t10k", test.Select(testIdx)) })
        {
            var prefix = name == "train" ? (FashionMnist.TrainImages, FashionMnist.TrainLabels) : (FashionMnist.TestImages, FashionMnist.TestLabels);
            Idx.Write(Path.Combine(output, prefix.Item1 + ".gz"), set.ImagesAsIdx(), gzip: true);
            Idx.Write(Path.Combine(output, prefix.Item2 + ".gz"), set.LabelsAsIdx(), gzip: true);
            t.Line($"{name}: {set.Count} images, per class {string.Join(" ", set.ClassCounts())} → {output}");
        }
        return Cli.Ok;
    }
}
