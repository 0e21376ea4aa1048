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

    /// <summary>Reads and checks a model written by <c>purenet train</c>: known kind, valid statistics, every tensor the network needs present with its shape.</summary>
    /// <param name="path">The model file.</param>
    /// <returns>The model, or an error naming the file and the field or tensor.</returns>
    public static Fin<SavedModel> Load(string path) => Load(path, TensorMap.Same);

    /// <summary>
    /// Reads and checks a model whose tensors are named by <paramref name="map"/> (e.g. a PyTorch state_dict). The
    /// metadata must give the kind (<c>purenet.model</c>) and the preprocessing (<c>purenet.preprocessing</c>);
    /// <c>purenet.width</c>, <c>purenet.dropout</c> and <c>purenet.l2</c> default to 1, 0 and 0.
    /// </summary>
    /// <param name="path">The model file.</param>
    /// <param name="map">How the file names the network's tensors.</param>
    /// <returns>The model in PureNet's names and layout, or an error naming the file, the field or tensor and the rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is null.</exception>
    public static Fin<SavedModel> Load(string path, TensorMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return from file in Safetensors.Read(path)
               from kind in Meta(path, file, Kind, Network.Kinds)
               from dropout in Number(path, file, Dropout, 0)
               from l2 in Number(path, file, L2, 0)
               from width in Number(path, file, Width, 1).Bind(w => w >= 1 && w <= 16 && w == Math.Floor(w) ? FinSucc(w)
                   : FinFail<double>(Problem.At(path, $"__metadata__.{Width}", "an integer in [1, 16] (the CNNs' channel multiplier)", w.ToString(CultureInfo.InvariantCulture))))
               from pre in Meta(path, file, Pre).Bind(json => Preprocessing.FromJson(path, json))
               let network = Network.Create(kind, dropout, l2, (int)width)
               from values in Tensors(path, file, network, map)
               select new SavedModel(network, pre, values, dropout, (int)width);
    }

    /// <summary>The tensors a network needs from a file, each found by the map's rule and checked for presence and shape.</summary>
    /// <param name="path">The file's path, for messages.</param>
    /// <param name="file">The file's content.</param>
    /// <param name="network">The network whose parameters and state are wanted.</param>
    /// <param name="map">How the file names them.</param>
    /// <returns>The tensors by PureNet name, or the first one missing or misshapen.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Fin<HashMap<string, Tensor<float>>> Tensors(string path, SafetensorsFile file, Network network, TensorMap map)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(map);
        return map.RulesFor(network).Bind(rules => rules.Fold(FinSucc(HashMap<string, Tensor<float>>()), (acc, r) => acc.Bind(m =>
            (map == TensorMap.Same ? Hinted(file, file.Require<float>(path, r.Target.Name, r.Target.Shape)) : r.Rule.Read(path, file, r.Target, map.Name))
                .Map(t => m.Add(r.Target.Name, t)))));
    }

    /// <summary>A tensor missing from a file whose tensors have torch's names is most likely read without <c>--map torch</c>: say so.</summary>
    static Fin<Tensor<float>> Hinted(SafetensorsFile file, Fin<Tensor<float>> read) =>
        read.IsSucc || !file.Tensors.Any(t => t.Name.EndsWith(".weight", StringComparison.Ordinal)) ? read
            : FinFail<Tensor<float>>(Error.New($"{((Error)read).Message} Its tensors have PyTorch's names (X.weight): read it with --map torch."));

    static Fin<string> Meta(string path, SafetensorsFile file, string key, string[]? allowed = null) =>
        file.Metadata.Find(key).Match(
            Some: v => allowed is null || allowed.Contains(v) ? FinSucc(v)
                : FinFail<string>(Problem.At(path, $"__metadata__.{key}", $"one of {string.Join(", ", allowed)}", $"'{v}'")),
            None: () => FinFail<string>(Problem.At(path, $"__metadata__.{key}", "a value (is this a purenet model?)", "none")));

    /// <summary>A number ≥ 0 from the metadata, or <paramref name="absent"/> when the key is not there (files written by other tools).</summary>
    static Fin<double> Number(string path, SafetensorsFile file, string key, double absent) => file.Metadata.Find(key).IsNone ? absent : Meta(path, file, key).Bind(s =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= 0
            ? FinSucc(v) : FinFail<double>(Problem.At(path, $"__metadata__.{key}", "a finite number ≥ 0", $"'{s}'")));
}
