using ScottPlot;
using SkiaSharp;

namespace PureNet.Cli;

/// <summary>
/// ScottPlot set-up shared by every figure: the DejaVu Sans font shipped next to the executable is registered
/// explicitly (on a machine without fonts ScottPlot otherwise draws no text at all, silently), and figures are
/// rendered to PNG bytes so that files are written atomically by the caller.
/// </summary>
public static class Charts
{
    const string Font = "DejaVu Sans";
    static readonly Lazy<bool> Registered = new(() =>
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "Fonts");
        Fonts.AddFontFile(Font, Path.Combine(dir, "DejaVuSans.ttf"), bold: false, italic: false);
        Fonts.AddFontFile(Font, Path.Combine(dir, "DejaVuSans-Bold.ttf"), bold: true, italic: false);
        Fonts.Default = Font;
        return true;
    });

    /// <summary>A new plot that will draw its text with the registered font.</summary>
    public static Plot NewPlot()
    {
        _ = Registered.Value;
        var plot = new Plot();
        plot.Font.Set(Font);
        return plot;
    }

    public static byte[] Png(Plot plot, int width, int height) => plot.GetImage(width, height).GetImageBytes(ImageFormat.Png, 100);

    /// <summary>Several rendered figures side by side in rows of <paramref name="columns"/>, as one PNG.</summary>
    public static byte[] Grid(IReadOnlyList<Plot> plots, int columns, int cellWidth, int cellHeight)
    {
        var rows = (plots.Count + columns - 1) / columns;
        using var canvasBitmap = new SKBitmap(columns * cellWidth, Math.Max(1, rows) * cellHeight);
        using (var canvas = new SKCanvas(canvasBitmap))
        {
            canvas.Clear(SKColors.White);
            for (var i = 0; i < plots.Count; i++)
            {
                using var cell = SKBitmap.Decode(Png(plots[i], cellWidth, cellHeight));
                canvas.DrawBitmap(cell, i % columns * cellWidth, i / columns * cellHeight);
            }
        }
        using var image = SKImage.FromBitmap(canvasBitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
