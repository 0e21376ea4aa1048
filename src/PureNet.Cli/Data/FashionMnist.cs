using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace PureNet.Cli;

/// <summary>Fashion-MNIST (Zalando): 28×28 grey images of 10 clothing classes, as the four IDX files of the official release.</summary>
public static class FashionMnist
{
    public const int Side = 28, Classes = 10;

    public static readonly string[] ClassNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    public const string TrainImages = "train-images-idx3-ubyte", TrainLabels = "train-labels-idx1-ubyte",
        TestImages = "t10k-images-idx3-ubyte", TestLabels = "t10k-labels-idx1-ubyte";

    /// <summary>The subset shipped with the command (copied next to the executable from data/fashion-mnist-subset).</summary>
    public static string EmbeddedDirectory => Path.Combine(AppContext.BaseDirectory, "data", "fashion-mnist-subset");

    /// <summary>The train and test splits from a directory holding the four files, each raw or gzip (name.gz preferred).</summary>
    public static Validation<Error, (LabeledImages Train, LabeledImages Test)> Load(string dir)
    {
        if (File.Exists(dir)) return Fail<Error, (LabeledImages, LabeledImages)>(Problem.At(dir, "--data", "a directory holding the four Fashion-MNIST IDX files", "a file"));
        if (!Directory.Exists(dir)) return Fail<Error, (LabeledImages, LabeledImages)>(Problem.At(dir, "--data", "a directory holding the four Fashion-MNIST IDX files", "no such directory"));
        var train = Idx.ReadLabeled(FileIn(dir, TrainImages), FileIn(dir, TrainLabels), Classes, Side, Side);
        var test = Idx.ReadLabeled(FileIn(dir, TestImages), FileIn(dir, TestLabels), Classes, Side, Side);
        return (train, test).Apply((a, b) => (a, b));
    }

    static string FileIn(string dir, string name)
    {
        var gz = Path.Combine(dir, name + ".gz");
        var raw = Path.Combine(dir, name);
        return File.Exists(gz) || !File.Exists(raw) ? gz : raw;
    }
}
