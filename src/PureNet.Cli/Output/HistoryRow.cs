namespace PureNet.Cli;

/// <summary>One epoch of a training run as written to history.csv / history.json and plotted (no wall-clock time, so a seeded run writes identical files).</summary>
public sealed record HistoryRow(int Epoch, long Steps, double TrainLoss, double? TrainAccuracy, double? ValidationLoss, double? ValidationAccuracy, double LearningRate);
