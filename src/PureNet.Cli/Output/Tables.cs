using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace PureNet.Cli;

/// <summary>Terminal tables (Spectre.Console) and their JSON twins.</summary>
public static class Tables
{
    static string F(double v, string format = "F3") => double.IsNaN(v) ? "–" : v.ToString(format, CultureInfo.InvariantCulture);

    public static Table PerClass(double[] accuracy)
    {
        var table = new Table().Title("per-class accuracy").AddColumn("class").AddColumn(new TableColumn("accuracy").RightAligned());
        for (var c = 0; c < accuracy.Length; c++) table.AddRow(Markup.Escape($"{c} {FashionMnist.ClassNames[c]}"), F(accuracy[c]));
        return table;
    }

    public static Table Confusion(int[,] counts)
    {
        var k = counts.GetLength(0);
        var table = new Table().Title("confusion matrix (rows: true class, columns: predicted)").AddColumn("true \\ pred");
        for (var j = 0; j < k; j++) table.AddColumn(new TableColumn(j.ToString(CultureInfo.InvariantCulture)).RightAligned());
        for (var i = 0; i < k; i++)
            table.AddRow([Markup.Escape($"{i} {FashionMnist.ClassNames[i]}"), .. Enumerable.Range(0, k).Select(j => i == j ? $"[bold]{counts[i, j]}[/]" : counts[i, j].ToString(CultureInfo.InvariantCulture))]);
        return table;
    }

    public static string EvaluationJson(double accuracy, double[] perClass, int[,] confusion, IEnumerable<string> models) =>
        JsonSerializer.Serialize(new
        {
            models = models.ToArray(),
            accuracy,
            per_class = FashionMnist.ClassNames.Select((n, i) => new { @class = n, accuracy = double.IsNaN(perClass[i]) ? (double?)null : perClass[i] }).ToArray(),
            confusion = Enumerable.Range(0, confusion.GetLength(0)).Select(i => Enumerable.Range(0, confusion.GetLength(1)).Select(j => confusion[i, j]).ToArray()).ToArray(),
        }, new JsonSerializerOptions { WriteIndented = true });
}
