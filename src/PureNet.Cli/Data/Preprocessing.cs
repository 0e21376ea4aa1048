using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using LanguageExt;
using static LanguageExt.Prelude;

namespace PureNet.Cli;

/// <summary>
/// Input normalization fitted on the training split only: x ↦ (x/255 − μ) / σ with μ the per-pixel mean image and σ
/// the standard deviation of all centred training pixels (one scalar: a per-pixel σ would blow up the nearly constant
/// border pixels). Saved with the model and applied unchanged to validation and test data.
/// </summary>
public sealed record Preprocessing(ImmutableArray<float> Mean, float Std)
{
    public const float Scale = 255f;

    public static Preprocessing Fit(LabeledImages train)
    {
        if (train.Count == 0) throw new ArgumentException("Preprocessing.Fit: the training split is empty.", nameof(train));
        var d = train.PixelsPerImage;
        var mean = new double[d];
        var px = train.Pixels.Span;
        for (var i = 0; i < px.Length; i++) mean[i % d] += px[i] / Scale;
        for (var j = 0; j < d; j++) mean[j] /= train.Count;
        double ss = 0;
        for (var i = 0; i < px.Length; i++) { var c = px[i] / Scale - mean[i % d]; ss += c * c; }
        var std = Math.Sqrt(ss / px.Length);
        return new([.. mean.Select(m => (float)m)], (float)Math.Max(std, 1e-6));
    }

    /// <summary>The normalized images, [count, rows·cols].</summary>
    public Tensor<float> Apply(LabeledImages data)
    {
        var d = data.PixelsPerImage;
        if (d != Mean.Length) throw new ArgumentException($"Preprocessing.Apply: images have {d} pixels; the statistics were fitted on {Mean.Length}.", nameof(data));
        var px = data.Pixels.Span;
        var y = new float[px.Length];
        for (var i = 0; i < px.Length; i++) y[i] = (px[i] / Scale - Mean[i % d]) / Std;
        return Tensor.FromArray<float>(new Shape(data.Count, d), y);
    }

    public string ToJson() => JsonSerializer.Serialize(new { scale = Scale, std = Std, mean = Mean.ToArray() });

    /// <summary>Reads the statistics back from model metadata; <paramref name="file"/> names the model file in errors.</summary>
    public static Fin<Preprocessing> FromJson(string file, string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var r = doc.RootElement;
            var mean = r.GetProperty("mean").EnumerateArray().Select(e => e.GetSingle()).ToImmutableArray();
            var std = r.GetProperty("std").GetSingle();
            if (!(std > 0) || mean.Any(m => !float.IsFinite(m))) return Problem.At(file, "__metadata__.preprocessing", "finite statistics with std > 0", json.Length > 80 ? json[..80] + "…" : json);
            return new Preprocessing(mean, std);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return Problem.At(file, "__metadata__.preprocessing", "{\"scale\":255,\"std\":σ,\"mean\":[…]}", $"'{(json.Length > 80 ? json[..80] + "…" : json)}' ({e.Message})");
        }
    }

    public bool Equals(Preprocessing? o) => o is not null && Std == o.Std && Mean.SequenceEqual(o.Mean);
    public override int GetHashCode() => HashCode.Combine(Std, Mean.Length);
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Preprocessing(mean of {Mean.Length} pixels, average {Mean.Average():G4}; std {Std:G4})");
}
