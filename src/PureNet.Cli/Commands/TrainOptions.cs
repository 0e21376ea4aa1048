using System.Collections.Immutable;
using LanguageExt;
using static LanguageExt.Prelude;

namespace PureNet.Cli;

/// <summary>The options that describe a training run, shared by train, search and check.</summary>
public static class TrainOptions
{
    public static readonly ImmutableArray<OptionSpec> Specs =
    [
        new("model", "KIND", "mlp (784-256-128-10, ReLU), cnn (2 conv + pooling) or cnn-bn (with batch norm).", "mlp", Short: "-m", Rule: Rule.OneOf(Network.Kinds)),
        new("epochs", "N", "Epochs (passes over the training data).", "5", Short: "-e", Rule: Rule.Int(1)),
        new("batch", "N", "Mini-batch size.", "128", Short: "-b", Rule: Rule.Int(1)),
        new("seed", "S", "Seed of everything random: split, initialization, shuffling, dropout, augmentation.", "0", Short: "-s", Rule: Rule.AnyInt),
        new("optimizer", "NAME", $"One of {string.Join(", ", Optimizers.Names)}.", "adam", Rule: Rule.OneOf(Optimizers.Names)),
        new("lr", "RATE", "Learning rate (initial, for schedules).", "0.001", Short: "-l", Rule: Rule.Number(0, 1e6, minOpen: true)),
        new("schedule", "NAME", $"Learning-rate schedule: {string.Join(", ", Schedules.Names)}.", "constant", Rule: Rule.OneOf(Schedules.Names)),
        new("dropout", "P", "Dropout probability after hidden layers (0 = off).", "0", Rule: Rule.Number(0, 0.95)),
        new("l2", "LAMBDA", "L2 penalty ½λ‖W‖² on the weights (0 = off).", "0", Rule: Rule.Number(0, 1e6)),
        new("patience", "N", "Early stopping: stop after N epochs without a better validation loss; keep the best epoch.", "3", Rule: Rule.Int(0)),
        new("validation", "F", "Fraction of the training images held out (label-balanced) for validation; 0 = none.", "0.1", Rule: Rule.Number(0, 0.9)),
        new("augment", "K", "Train on the images plus K seeded augmented copies, drawn anew each epoch (shifts ±2 px, horizontal flips, rotations ±10°).", "0", Rule: Rule.Int(0, 10)),
        new("width", "W", "Channel multiplier of the CNNs (8W and 16W filters).", "1", Rule: Rule.Int(1, 16)),
        new("init-from", "FILE", "Start from a saved model's parameters where names and shapes match (transfer; names read through --map if given); the rest are initialized."),
        TensorMap.Option with { Help = "How --init-from's file names its tensors: torch (a PyTorch state_dict of the same network) or a JSON map file (see evaluate --help). Default: PureNet's names." },
        new("freeze", "PREFIX", "Keep parameters whose names start with PREFIX fixed (fine-tuning), e.g. --freeze l1. conv1.", Many: true),
    ];

    public static Fin<TrainSettings> Parse(Args a) =>
        from model in a.String("model")
        from epochs in a.Int("epochs")
        from batch in a.Int("batch")
        from seed in a.Int("seed")
        from optimizer in a.String("optimizer")
        from lr in a.Double("lr")
        from schedule in a.String("schedule")
        from dropout in a.Double("dropout")
        from l2 in a.Double("l2")
        from patience in a.Int("patience")
        from validation in a.Double("validation")
        from augment in a.Int("augment")
        from width in a.Int("width")
        from map in a.Has("map") && !a.Has("init-from")
            ? FinFail<Unit>(LanguageExt.Common.Error.New("train: --map tells how to read --init-from's file; give --init-from FILE too."))
            : FinSucc(unit)
        select new TrainSettings(model, epochs, batch, seed, optimizer, lr, schedule, dropout, l2, patience, validation, augment, width,
            a.Optional("init-from").MatchUnsafe(s => s, () => null), a.Strings("freeze"),
            a.Optional("map").MatchUnsafe(s => s, () => null));
}
