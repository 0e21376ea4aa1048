using LanguageExt;
using static LanguageExt.Prelude;

namespace PureNet.Cli;

/// <summary>The data a command reads: the embedded subset or <c>--data DIR</c>, optionally only the first examples of each split.</summary>
public static class DataOptions
{
    public static readonly OptionSpec Data = new("data", "DIR", "Directory with the four Fashion-MNIST IDX files (raw or .gz), e.g. /usr/share/datasets/fashion-mnist. Default: the subset embedded in the repository (6,000 train + 1,000 test).", Short: "-d");
    public static readonly OptionSpec LimitTrain = new("limit-train", "N", "Use only the first N training images (quick runs).", Rule: Rule.Int(1));
    public static readonly OptionSpec LimitTest = new("limit-test", "N", "Use only the first N test images.", Rule: Rule.Int(1));

    public static Fin<(LabeledImages Train, LabeledImages Test, string Source)> Load(Args a)
    {
        var dir = a.Optional("data").IfNone(FashionMnist.EmbeddedDirectory);
        var source = a.Has("data") ? dir : "the embedded subset";
        return from data in FashionMnist.Load(dir).ToFin()
               from train in Limit(a, "limit-train", data.Train)
               from test in Limit(a, "limit-test", data.Test)
               select (train, test, source);
    }

    static Fin<LabeledImages> Limit(Args a, string option, LabeledImages set) =>
        a.Has(option) ? a.Int(option).Map(set.Take) : FinSucc(set);
}
