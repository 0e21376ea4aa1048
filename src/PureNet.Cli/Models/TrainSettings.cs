using System.Collections.Immutable;

namespace PureNet.Cli;

/// <summary>Everything that determines a training run (same settings and data, bit-identical result).</summary>
public sealed record TrainSettings(
    string Model = "mlp", int Epochs = 5, int Batch = 128, int Seed = 0,
    string Optimizer = "adam", double Lr = 1e-3, string Schedule = "constant",
    double Dropout = 0, double L2 = 0, int? Patience = 3, double Validation = 0.1, int Augment = 0, int Width = 1,
    string? InitFrom = null, ImmutableArray<string> Freeze = default)
{
    public ImmutableArray<string> Freeze { get; init; } = Freeze.IsDefault ? [] : Freeze;
}
