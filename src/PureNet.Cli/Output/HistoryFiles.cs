using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PureNet.Cli;

/// <summary>A run's history as CSV (one row per epoch, invariant culture, empty cells for missing values) and as JSON.</summary>
public static class HistoryFiles
{
    public const string CsvHeader = "epoch,steps,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate";

    public static string Csv(IEnumerable<HistoryRow> rows)
    {
        static string N(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "";
        var sb = new StringBuilder(CsvHeader).Append('\n');
        foreach (var r in rows)
            sb.Append(string.Join(",", r.Epoch.ToString(CultureInfo.InvariantCulture), r.Steps.ToString(CultureInfo.InvariantCulture),
                N(r.TrainLoss), N(r.TrainAccuracy), N(r.ValidationLoss), N(r.ValidationAccuracy), N(r.LearningRate))).Append('\n');
        return sb.ToString();
    }

    public static string Json(IEnumerable<HistoryRow> rows, object run) => JsonSerializer.Serialize(new
    {
        run,
        epochs = rows.Select(r => new
        {
            epoch = r.Epoch, steps = r.Steps, train_loss = r.TrainLoss, train_accuracy = r.TrainAccuracy,
            validation_loss = r.ValidationLoss, validation_accuracy = r.ValidationAccuracy, learning_rate = r.LearningRate,
        }).ToArray(),
    }, Options);

    /// <summary>Every key in one style, snake_case, the settings' too (they are C# properties, PascalCase by default).</summary>
    static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
