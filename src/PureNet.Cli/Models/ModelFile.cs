using System.Globalization;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace PureNet.Cli;

/// <summary>A trained model as saved: the network's description, its preprocessing statistics and every parameter and state tensor.</summary>
public sealed record SavedModel(Network Network, Preprocessing Preprocessing, HashMap<string, Tensor<float>> Values, double Dropout, int Width);

/// <summary>
/// Models as safetensors files: every parameter and BatchNorm state tensor in F32, and in <c>__metadata__</c> the model
/// kind, its options, the preprocessing statistics (JSON) and the names of the state tensors.
/// </summary>
public static class ModelFile
{
    const string Format = "purenet.format", Kind = "purenet.model", Dropout = "purenet.dropout", L2 = "purenet.l2", Width = "purenet.width",
        Pre = "purenet.preprocessing", State = "purenet.state", Classes = "purenet.classes";

    public static void Save(string path, SavedModel m) => AtomicFile.WriteAllBytes(path, Encode(m));

    /// <summary>The file's bytes.</summary>
    public static byte[] Encode(SavedModel m)
    {
        var names = m.Network.Parameters.Map(p => p.Name).Concat(m.Network.StateVariables().Map(v => v.Name));
        var tensors = names.Map(n => SafetensorsTensor.From(n, m.Values.Find(n).IfNone(() =>
            throw new ArgumentException($"ModelFile.Save: the values lack '{n}', which the {m.Network.Kind} model needs."))));
        var metadata = Map(
            (Format, "1"), (Kind, m.Network.Kind),
            (Dropout, m.Dropout.ToString("R", CultureInfo.InvariantCulture)), (L2, m.Network.L2.ToString("R", CultureInfo.InvariantCulture)),
            (Width, m.Width.ToString(CultureInfo.InvariantCulture)), (Pre, m.Preprocessing.ToJson()),
            (State, string.Join(",", m.Network.StateVariables().Map(v => v.Name))),
            (Classes, string.Join(",", FashionMnist.ClassNames)));
        return Safetensors.Encode(tensors, metadata);
    }

    /// <summary>Reads and checks a model: known kind, valid statistics, every tensor the network needs present with its shape.</summary>
    public static Fin<SavedModel> Load(string path) =>
        from file in Safetensors.Read(path)
        from kind in Meta(path, file, Kind, Network.Kinds)
        from dropout in Number(path, file, Dropout)
        from l2 in Number(path, file, L2)
        from width in Number(path, file, Width)
        from pre in Meta(path, file, Pre).Bind(json => Preprocessing.FromJson(path, json))
        let network = Network.Create(kind, dropout, l2, (int)width)
        from values in Tensors(path, file, network)
        select new SavedModel(network, pre, values, dropout, (int)width);

    /// <summary>The tensors a network needs from a file, each checked for presence and shape.</summary>
    public static Fin<HashMap<string, Tensor<float>>> Tensors(string path, SafetensorsFile file, Network network) =>
        network.Parameters.Concat(network.StateVariables()).Fold(FinSucc(HashMap<string, Tensor<float>>()), (acc, v) =>
            acc.Bind(m => file.Require<float>(path, v.Name, v.Shape).Map(t => m.Add(v.Name, t))));

    static Fin<string> Meta(string path, SafetensorsFile file, string key, string[]? allowed = null) =>
        file.Metadata.Find(key).Match(
            Some: v => allowed is null || allowed.Contains(v) ? FinSucc(v)
                : FinFail<string>(Problem.At(path, $"__metadata__.{key}", $"one of {string.Join(", ", allowed)}", $"'{v}'")),
            None: () => FinFail<string>(Problem.At(path, $"__metadata__.{key}", "a value (is this a purenet model?)", "none")));

    static Fin<double> Number(string path, SafetensorsFile file, string key) => Meta(path, file, key).Bind(s =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= 0
            ? FinSucc(v) : FinFail<double>(Problem.At(path, $"__metadata__.{key}", "a finite number ≥ 0", $"'{s}'")));
}
