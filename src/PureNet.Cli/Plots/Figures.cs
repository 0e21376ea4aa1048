using System.Globalization;
using ScottPlot;

namespace PureNet.Cli;

/// <summary>The command's figures, each returned as PNG bytes.</summary>
public static class Figures
{
    static string F(double v) => v.ToString("G3", CultureInfo.InvariantCulture);

    /// <summary>Training and validation loss and accuracy per epoch, side by side.</summary>
    public static byte[] Curves(IReadOnlyList<HistoryRow> history)
    {
        var epochs = history.Select(h => (double)h.Epoch).ToArray();
        Plot Panel(string title, string y, Func<HistoryRow, double?> train, Func<HistoryRow, double?> validation)
        {
            var p = Charts.NewPlot();
            Line(p, epochs, history.Select(train).ToArray(), "train");
            Line(p, epochs, history.Select(validation).ToArray(), "validation");
            p.Title(title);
            p.XLabel("epoch");
            p.YLabel(y);
            p.ShowLegend(Alignment.UpperRight);
            return p;
        }
        return Charts.Grid([Panel("Loss", "cross-entropy", h => h.TrainLoss, h => h.ValidationLoss),
                            Panel("Accuracy", "accuracy", h => h.TrainAccuracy, h => h.ValidationAccuracy)], 2, 640, 440);
    }

    static void Line(Plot p, double[] xs, double?[] ys, string label)
    {
        var points = xs.Zip(ys, (x, y) => (X: x, Y: y)).Where(t => t.Y is { } v && double.IsFinite(v)).ToArray();
        if (points.Length == 0) return;
        var s = p.Add.Scatter(points.Select(t => t.X).ToArray(), points.Select(t => t.Y!.Value).ToArray());
        s.LegendText = label;
        s.LineWidth = 2;
        s.MarkerSize = 6;
    }

    /// <summary>One histogram per layer (the course's check for vanishing or exploding values), titled with mean, std and the share of zeros.</summary>
    public static byte[] LayerHistograms(string what, IReadOnlyList<(string Layer, Histogram Histogram)> layers, int? columns = null)
    {
        var plots = layers.Select(l =>
        {
            var p = Charts.NewPlot();
            var h = l.Histogram;
            var bars = p.Add.Bars(Enumerable.Range(0, h.Counts.Length).Select(h.Center).ToArray(), h.Counts.Select(c => (double)c).ToArray());
            foreach (var b in bars.Bars) { b.Size = h.BinWidth; b.LineWidth = 0; }
            p.Title($"{what}: {l.Layer}\nmean {F(h.Mean)}, std {F(h.Std)}, zeros {h.ZeroFraction:P0}");
            p.YLabel("count");
            p.Axes.Margins(bottom: 0);
            return p;
        }).ToList();
        return Charts.Grid(plots, columns ?? Math.Min(plots.Count, 4), 420, 340);
    }

    /// <summary>
    /// The first layer's weights as images: for a dense layer over 28×28 inputs, each unit's 784 weights as a 28×28
    /// tile; for a convolution, each filter's K×K kernel. Tiles are scaled to their own range, laid out in a grid.
    /// </summary>
    public static byte[] FirstLayer(Tensor<float> w, string name, int maxTiles = 64)
    {
        var (tiles, side, count) = w.Rank == 2
            ? (Enumerable.Range(0, w.Shape[1]).Select(u => Enumerable.Range(0, w.Shape[0]).Select(i => (double)w[i, u]).ToArray()).ToArray(), (int)Math.Round(Math.Sqrt(w.Shape[0])), w.Shape[1])
            : (Enumerable.Range(0, w.Shape[0]).Select(f => w.Span.Slice(f * w.Shape[1] * w.Shape[2] * w.Shape[3], w.Shape[2] * w.Shape[3]).ToArray().Select(v => (double)v).ToArray()).ToArray(), w.Shape[2], w.Shape[0]);
        var n = Math.Min(maxTiles, count);
        var columns = (int)Math.Ceiling(Math.Sqrt(n));
        var rows = (n + columns - 1) / columns;
        var mosaic = new double[rows * (side + 1) - 1, columns * (side + 1) - 1];
        for (var r = 0; r < mosaic.GetLength(0); r++) for (var c = 0; c < mosaic.GetLength(1); c++) mosaic[r, c] = double.NaN;
        for (var t = 0; t < n; t++)
        {
            var (lo, hi) = (tiles[t].Min(), tiles[t].Max());
            for (var i = 0; i < side * side && i < tiles[t].Length; i++)
                mosaic[t / columns * (side + 1) + i / side, t % columns * (side + 1) + i % side] = hi > lo ? (tiles[t][i] - lo) / (hi - lo) : 0.5;
        }
        var p = Charts.NewPlot();
        var heat = p.Add.Heatmap(mosaic);
        heat.Colormap = new ScottPlot.Colormaps.Grayscale();
        heat.NaNCellColor = Colors.SteelBlue;
        p.Title($"First layer '{name}': {n} of {count} {(w.Rank == 2 ? "units' input weights" : "filters")} ({side}×{side})");
        foreach (var axis in p.Axes.GetAxes())
        {
            axis.TickLabelStyle.IsVisible = false;
            axis.MajorTickStyle.Length = 0;
            axis.MinorTickStyle.Length = 0;
            axis.FrameLineStyle.Width = 0;
        }
        p.HideGrid();
        p.Axes.SquareUnits();
        return Charts.Png(p, 760, 800);
    }

    /// <summary>Counts of (true class, predicted class), each cell labelled, rows the true classes.</summary>
    public static byte[] Confusion(int[,] counts, IReadOnlyList<string> classes, string title)
    {
        var k = classes.Count;
        var values = new double[k, k];
        var max = counts.Cast<int>().DefaultIfEmpty(0).Max();
        // Blues runs dark → light with the value: plot max − count so that large counts are dark and zeros white.
        for (var i = 0; i < k; i++) for (var j = 0; j < k; j++) values[i, j] = max - counts[i, j];
        var p = Charts.NewPlot();
        var heat = p.Add.Heatmap(values);
        heat.Colormap = new ScottPlot.Colormaps.Blues();
        for (var i = 0; i < k; i++)
            for (var j = 0; j < k; j++)
            {
                var text = p.Add.Text(counts[i, j].ToString(CultureInfo.InvariantCulture), j, k - 1 - i);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = counts[i, j] > max / 2 ? Colors.White : Colors.Black;
                text.LabelFontSize = 12;
            }
        p.Axes.Bottom.SetTicks(Enumerable.Range(0, k).Select(i => (double)i).ToArray(), [.. classes]);
        p.Axes.Bottom.TickLabelStyle.Rotation = -45;
        p.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        p.Axes.Bottom.MinimumSize = 110;
        p.Axes.Left.SetTicks(Enumerable.Range(0, k).Select(i => (double)(k - 1 - i)).ToArray(), [.. classes]);
        p.XLabel("predicted");
        p.YLabel("true");
        p.Title(title);
        p.HideGrid();
        return Charts.Png(p, 820, 760);
    }
}
