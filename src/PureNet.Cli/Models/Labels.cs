namespace PureNet.Cli;

/// <summary>Images and labels as the tensors a network is fed: normalized inputs [N, 784] and labels [N] (class indices as floats).</summary>
public static class Labels
{
    public static Tensor<float> Of(LabeledImages data) => Tensor.FromArray<float>(new Shape(data.Count), [.. data.Labels.ToArray().Select(l => (float)l)]);

    public static Dataset<float> Dataset(Preprocessing pre, LabeledImages data) => new(pre.Apply(data), Of(data));
}
