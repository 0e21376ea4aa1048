using System.Collections.Immutable;
using LanguageExt;
using static LanguageExt.Prelude;

namespace PureNet.Cli;

/// <summary>One rule of a name map: the network's tensor <paramref name="Target"/> is the file's tensor <paramref name="Source"/>, transposed if asked.</summary>
/// <param name="Target">The PureNet name, e.g. <c>l1.W</c>.</param>
/// <param name="Source">The name in the file, e.g. <c>l1.weight</c>.</param>
/// <param name="Transpose">Whether the file holds the 2-D tensor transposed (PyTorch's <c>nn.Linear</c> weight is [out, in]; PureNet's Dense W is [in, out]).</param>
public sealed record TensorRule(string Target, string Source, bool Transpose)
{
    /// <summary>The rule as the README and error messages write it: <c>l1.W ← l1.weight, transposed</c>.</summary>
    /// <returns>Target, arrow, source, and ", transposed" if it is.</returns>
    public override string ToString() => $"{Target} ← {Source}{(Transpose ? ", transposed" : "")}";

    /// <summary>The tensor this rule gives for <paramref name="target"/>: the source found, of the transposed shape if transposed, converted to float.</summary>
    /// <param name="path">The file's path, for messages.</param>
    /// <param name="file">The file's content.</param>
    /// <param name="target">The network's variable (its shape is what the source must have, transposed back).</param>
    /// <param name="map">The map's name, for messages.</param>
    /// <returns>The tensor in PureNet's layout, or an error naming the file, the source tensor, the map and the rule.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Fin<Tensor<float>> Read(string path, SafetensorsFile file, Variable target, string map)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(map);
        var expected = Transpose ? new Shape(target.Shape[1], target.Shape[0]) : target.Shape;
        var field = $"tensor '{Source}' (map {map}: {this})";
        var why = Transpose ? $"{Target} {target.Shape}, transposed" : $"{Target} {target.Shape}";
        return file.Find(Source).Match(
            Some: t => t.Shape.SequenceEqual(expected.Dims.Select(d => (long)d))
                ? t.ToTensor<float>(path).Map(x => Transpose ? Tensor.Transpose(x) : x)
                : Problem.At(path, $"{field} shape", $"{expected} ({why})", $"[{string.Join(", ", t.Shape)}]"),
            None: () => Problem.At(path, field, $"a tensor of shape {expected} ({why})", "none (missing)"));
    }
}

/// <summary>
/// How a network's tensors are named in a file: PureNet's own names, PyTorch's (the rules of
/// <see cref="Torch"/>), or the rules of a JSON map file. A tensor no rule names is read under its own name.
/// </summary>
/// <param name="Name">The map's name in messages: <c>purenet</c>, <c>torch</c> or the JSON file's path.</param>
public abstract record TensorMap(string Name)
{
    /// <summary>PureNet's own names (a file written by <c>purenet train</c>).</summary>
    public static TensorMap Same { get; } = new SameNames();

    /// <summary>
    /// PyTorch's names for the layers of the CLI's models (a <c>state_dict</c> of the module scripts/load_in_torch.py
    /// builds): <c>X.W ← X.weight</c> (transposed for a dense layer's 2-D W, as is for a convolution's [out, in, kh, kw]),
    /// <c>X.b ← X.bias</c>, <c>X.gamma ← X.weight</c>, <c>X.beta ← X.bias</c>; running_mean and running_var keep their names.
    /// </summary>
    public static TensorMap Torch { get; } = new TorchNames();

    /// <summary>The <c>--map</c> option of the commands that read a model.</summary>
    public static OptionSpec Option { get; } = new("map", "MAP",
        "How the model file names its tensors: torch (a PyTorch state_dict of the same network: X.weight, X.bias, transposed dense weights) or a JSON map file {\"l1.W\": {\"from\": \"0.weight\", \"transpose\": true}, \"l1.b\": \"0.bias\", …}. Default: PureNet's names.");

    /// <summary>PureNet's names.</summary>
    sealed record SameNames() : TensorMap("purenet");

    /// <summary>PyTorch's names, by rule from each variable's name and rank.</summary>
    sealed record TorchNames() : TensorMap("torch");

    /// <summary>The rules of a JSON map file.</summary>
    /// <param name="File">The map file's path.</param>
    /// <param name="Rules">Its rules, one per target.</param>
    internal sealed record Listed(string File, ImmutableArray<TensorRule> Rules) : TensorMap(File);

    /// <summary>The map a <c>--map</c> value names: <c>torch</c>, or the path of a JSON map file, read and parsed.</summary>
    /// <param name="value">The option's value.</param>
    /// <returns>The map, or an error naming the value and what is expected.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static Fin<TensorMap> FromOption(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value == "torch") return Torch;
        if (!File.Exists(value)) return Problem.At("--map", "value", "torch or a JSON map file", $"'{value}' ({(Directory.Exists(value) ? "a directory" : "no such file")})");
        try { return TensorMapJson.Parse(value, File.ReadAllText(value)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return Problem.Unreadable(value, e.Message); }
    }

    /// <summary>
    /// A rule for every tensor the network reads (parameters, then state), in that order. A JSON map's rules must
    /// name tensors of the network, and transpose only 2-D ones.
    /// </summary>
    /// <param name="network">The network whose tensors are wanted.</param>
    /// <returns>Each variable with its rule, or an error naming the map file and the rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    public Fin<Seq<(Variable Target, TensorRule Rule, bool Listed)>> RulesFor(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var targets = network.Parameters.Concat(network.StateVariables()).Strict();
        if (this is Listed listed)
            foreach (var r in listed.Rules)
                if (targets.FirstOrDefault(t => t.Name == r.Target) is not { } v)
                    return Problem.At(listed.File, $"rule '{r}'", $"a tensor of the {network.Kind} model ({string.Join(", ", targets.Map(t => t.Name))})", $"'{r.Target}', which it does not have");
                else if (r.Transpose && v.Shape.Rank != 2)
                    return Problem.At(listed.File, $"rule '{r}'", "transpose only on a 2-D tensor", $"{v.Name} of shape {v.Shape}");
        return targets.Map(v => this switch
        {
            Listed l when l.Rules.FirstOrDefault(r => r.Target == v.Name) is { } r => (v, r, true),
            TorchNames => (v, TorchRule(v), false),
            _ => (v, new TensorRule(v.Name, v.Name, false), false),
        }).Strict();
    }

    /// <summary>PyTorch's name for one of PureNet's layer tensors (layer.field), by the field and, for W, the rank.</summary>
    static TensorRule TorchRule(Variable v)
    {
        var dot = v.Name.LastIndexOf('.');
        if (dot <= 0) return new(v.Name, v.Name, false);
        var layer = v.Name[..dot];
        return v.Name[(dot + 1)..] switch
        {
            "W" => new(v.Name, $"{layer}.weight", Transpose: v.Shape.Rank == 2),   // nn.Linear holds [out, in]; nn.Conv2d is OIHW like Conv2D
            "b" or "beta" => new(v.Name, $"{layer}.bias", false),
            "gamma" => new(v.Name, $"{layer}.weight", false),
            _ => new(v.Name, v.Name, false),                                     // running_mean, running_var
        };
    }
}
