using LanguageExt;
using static PureNet.Fn;

namespace PureNet.Cli;

/// <summary>Class probabilities of models on data, their accuracy, per-class accuracy and confusion matrix.</summary>
public static class Predictions
{
    /// <summary>softmax(logits) of the evaluation graph for every image, [N, classes], in batches (each model uses its own preprocessing).</summary>
    public static float[,] Probabilities(SavedModel model, LabeledImages data, int batch = 500)
    {
        var x = model.Preprocessing.Apply(data);
        var plan = Plan.Compile(Activations.Softmax(model.Network.Apply(Network.Input, false).Logits, -1));
        var k = data.Classes;
        var result = new float[data.Count, k];
        for (var start = 0; start < data.Count; start += batch)
        {
            var n = Math.Min(batch, data.Count - start);
            var rows = Tensor.FromArray<float>(new Shape(n, x.Shape[1]), x.Span.Slice(start * x.Shape[1], n * x.Shape[1]));
            var p = plan.Run(model.Values.AddOrUpdate(Network.Input.Name, rows))[0].Span;
            for (var i = 0; i < n; i++) for (var c = 0; c < k; c++) result[start + i, c] = p[i * k + c];
        }
        return result;
    }

    /// <summary>The mean of several models' probabilities (an ensemble).</summary>
    public static float[,] Average(IReadOnlyList<float[,]> probabilities)
    {
        var first = probabilities[0];
        var mean = new float[first.GetLength(0), first.GetLength(1)];
        foreach (var p in probabilities)
            for (var i = 0; i < mean.GetLength(0); i++) for (var c = 0; c < mean.GetLength(1); c++) mean[i, c] += p[i, c] / probabilities.Count;
        return mean;
    }

    /// <summary>counts[true, predicted] with the predicted class the arg-max (lowest index on ties).</summary>
    public static int[,] Confusion(float[,] probabilities, ReadOnlySpan<byte> labels)
    {
        var k = probabilities.GetLength(1);
        var counts = new int[k, k];
        for (var i = 0; i < labels.Length; i++)
        {
            var best = 0;
            for (var c = 1; c < k; c++) if (probabilities[i, c] > probabilities[i, best]) best = c;
            counts[labels[i], best]++;
        }
        return counts;
    }

    public static double Accuracy(int[,] confusion)
    {
        var (right, total) = (0, 0);
        for (var i = 0; i < confusion.GetLength(0); i++)
            for (var j = 0; j < confusion.GetLength(1); j++) { total += confusion[i, j]; if (i == j) right += confusion[i, j]; }
        return total == 0 ? double.NaN : (double)right / total;
    }

    /// <summary>Per true class: the fraction predicted right (NaN for a class with no examples).</summary>
    public static double[] PerClassAccuracy(int[,] confusion) =>
        [.. Enumerable.Range(0, confusion.GetLength(0)).Select(i =>
        {
            var row = Enumerable.Range(0, confusion.GetLength(1)).Sum(j => confusion[i, j]);
            return row == 0 ? double.NaN : (double)confusion[i, i] / row;
        })];
}
