using System.Collections.Immutable;
using LanguageExt;
using static LanguageExt.Prelude;

namespace PureNet.Cli;

/// <summary>The options that describe a training run, shared by train, search and check.</summary>
public static class TrainOptions
{
    public static readonly ImmutableArray<OptionSpec> Specs =
    [
        new("model", "KIND", "mlp (784-256-128-10, ReLU), cnn (2 conv + pooling) or cnn-bn (with batch norm).", "mlp"),
        new("epochs", "N", "Epochs (passes over the training data).", "5"),
        new("batch", "N", "Mini-batch size.", "128"),
        new("seed", "S", "Seed of everything random: split, initialization, shuffling, dropout, augmentation.", "0"),
        new("optimizer", "NAME", $"One of {string.Join(", ", Optimizers.Names)}.", "adam"),
        new("lr", "RATE", "Learning rate (initial, for schedules).", "0.001"),
        new("schedule", "NAME", $"Learning-rate schedule: {string.Join(", ", Schedules.Names)}.", "constant"),
        new("dropout", "P", "Dropout probability after hidden layers (0 = off).", "0"),
        new("l2", "LAMBDA", "L2 penalty ½λ‖W‖² on the weights (0 = off).", "0"),
        new("patience", "N", "Early stopping: stop after N epochs without a better validation loss; keep the best epoch.", "3"),
        new("validation", "F", "Fraction of the training images held out (label-balanced) for validation; 0 = none.", "0.1"),
        new("augment", "K", "Train on the images plus K seeded augmented copies, drawn anew each epoch (shifts ±2 px, horizontal flips, rotations ±10°).", "0"),
        new("width", "W", "Channel multiplier of the CNNs (8W and 16W filters).", "1"),
        new("init-from", "FILE", "Start from a saved model's parameters where names and shapes match (transfer; names read through --map if given); the rest are initialized."),
        TensorMap.Option with { Help = "How --init-from's file names its tensors: torch (a PyTorch state_dict of the same network) or a JSON map file (see evaluate --help). Default: PureNet's names." },
        new("freeze", "PREFIX", "Keep parameters whose names start with PREFIX fixed (fine-tuning), e.g. --freeze l1. conv1.", Many: true),
    ];

    public static Fin<TrainSettings> Parse(Args a) =>
        from model in a.Choice("model", Network.Kinds)
        from epochs in a.Int("epochs", 1)
        from batch in a.Int("batch", 1)
        from seed in a.Int("seed", int.MinValue)
        from optimizer in a.Choice("optimizer", [.. Optimizers.Names])
        from lr in a.Double("lr", 0, 1e6, minOpen: true)
        from schedule in a.Choice("schedule", [.. Schedules.Names])
        from dropout in a.Double("dropout", 0, 0.95)
        from l2 in a.Double("l2", 0, 1e6)
        from patience in a.Int("patience", 0)
        from validation in a.Double("validation", 0, 0.9)
        from augment in a.Int("augment", 0, 10)
        from width in a.Int("width", 1, 16)
        from map in a.Has("map") && !a.Has("init-from")
            ? FinFail<Unit>(LanguageExt.Common.Error.New("train: --map tells how to read --init-from's file; give --init-from FILE too."))
            : FinSucc(unit)
        select new TrainSettings(model, epochs, batch, seed, optimizer, lr, schedule, dropout, l2, patience, validation, augment, width,
            a.Optional("init-from").MatchUnsafe(s => s, () => null), a.Strings("freeze"),
            a.Optional("map").MatchUnsafe(s => s, () => null));
}
