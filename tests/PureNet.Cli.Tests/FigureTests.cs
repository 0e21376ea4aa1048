using PureNet;
using PureNet.Cli;
using SkiaSharp;

namespace PureNet.Cli.Tests;

public class FigureTests
{
    static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    static SKBitmap Decode(byte[] png)
    {
        Assert.Equal(PngSignature, png[..8]);
        return SKBitmap.Decode(png);
    }

    [Fact]
    public void Text_is_drawn_with_the_registered_font()
    {
        // The same plot with and without a title: if fonts were missing ScottPlot would draw no text, and both would be equal.
        var with = Charts.NewPlot();
        with.Title("Accuracy");
        var without = Charts.NewPlot();
        using var a = Decode(Charts.Png(with, 300, 200));
        using var b = Decode(Charts.Png(without, 300, 200));
        var differing = 0;
        for (var y = 0; y < 40; y++) for (var x = 0; x < 300; x++) if (a.GetPixel(x, y) != b.GetPixel(x, y)) differing++;
        Assert.True(differing > 50, $"only {differing} pixels differ where the title should be");
    }

    [Fact]
    public void Every_figure_renders_to_a_png_of_the_expected_size()
    {
        var history = new[] { new HistoryRow(1, 10, 1.2, 0.6, 1.1, 0.62, 1e-3), new HistoryRow(2, 20, 0.8, 0.7, 0.9, 0.68, 1e-3) };
        using (var curves = Decode(Figures.Curves(history))) Assert.Equal((1280, 440), (curves.Width, curves.Height));
        var hist = Histogram.Of([0f, 0f, 1f, 2f, 3f, -1f]);
        using (var h = Decode(Figures.LayerHistograms("activations", [("l1", hist), ("l2", hist), ("l3", hist)]))) Assert.Equal((1260, 340), (h.Width, h.Height));
        using (var w = Decode(Figures.FirstLayer(Tensor.Normal<float>(new Shape(784, 16), seed: 1), "l1.W"))) Assert.Equal(760, w.Width);
        using (var c = Decode(Figures.FirstLayer(Tensor.Normal<float>(new Shape(8, 1, 3, 3), seed: 1), "conv1.W"))) Assert.Equal(760, c.Width);
        var counts = new int[10, 10];
        for (var i = 0; i < 10; i++) counts[i, i] = 90;
        using (var m = Decode(Figures.Confusion(counts, FashionMnist.ClassNames, "test"))) Assert.Equal((820, 760), (m.Width, m.Height));
    }

    [Fact]
    public void Histogram_statistics()
    {
        var h = Histogram.Of([0f, 0f, 1f, 3f], bins: 3);
        Assert.Equal(new[] { 2, 1, 1 }, h.Counts);
        Assert.Equal(1.0, h.Mean);
        Assert.Equal(0.5, h.ZeroFraction);
        Assert.Equal(Math.Sqrt(1.5), h.Std, 12);
    }
}
