namespace PureNet.Cli;

/// <summary>A histogram of values over equal-width bins between their minimum and maximum, with summary statistics.</summary>
public sealed record Histogram(double Min, double Max, int[] Counts, double Mean, double Std, double ZeroFraction)
{
    public static Histogram Of(ReadOnlySpan<float> values, int bins = 40)
    {
        if (values.Length == 0) return new(0, 0, new int[bins], 0, 0, 0);
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0, zeros = 0;
        foreach (var v in values) { min = Math.Min(min, v); max = Math.Max(max, v); sum += v; if (v == 0) zeros++; }
        var mean = sum / values.Length;
        double ss = 0;
        foreach (var v in values) ss += (v - mean) * (v - mean);
        var counts = new int[bins];
        var width = max > min ? (max - min) / bins : 1;
        foreach (var v in values) counts[Math.Clamp((int)((v - min) / width), 0, bins - 1)]++;
        return new(min, max, counts, mean, Math.Sqrt(ss / values.Length), zeros / values.Length);
    }

    public double BinWidth => Max > Min ? (Max - Min) / Counts.Length : 1;
    public double Center(int bin) => Min + (bin + 0.5) * BinWidth;
}
