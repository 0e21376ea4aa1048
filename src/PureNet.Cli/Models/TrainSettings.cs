using System.Collections.Immutable;

namespace PureNet.Cli;

/// <summary>
/// Everything that determines a training run (same settings and data, bit-identical result). InitMap tells how
/// InitFrom's file names its tensors: <c>torch</c>, a JSON map file, or null for PureNet's names.
/// </summary>
public sealed record TrainSettings(
    string Model = "mlp", int Epochs = 5, int Batch = 128, int Seed = 0,
    string Optimizer = "adam", double Lr = 1e-3, string Schedule = "constant",
    double Dropout = 0, double L2 = 0, int? Patience = 3, double Validation = 0.1, int Augment = 0, int Width = 1,
    string? InitFrom = null, ImmutableArray<string> Freeze = default, string? InitMap = null)
{
    public ImmutableArray<string> Freeze { get; init; } = Freeze.IsDefault ? [] : Freeze;
}
