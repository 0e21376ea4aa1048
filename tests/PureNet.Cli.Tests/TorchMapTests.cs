using System.Text.Json;
using PureNet.Cli;

namespace PureNet.Cli.Tests;

/// <summary>
/// Models written by PyTorch, read through a name map: Reference/torch_cnn_bn.safetensors is a cnn-bn trained by
/// torch (Reference/torch_cnn_bn.py), whose logits and accuracy torch recorded in Reference/torch_cnn_bn.json.
/// </summary>
public class TorchMapTests
{
    static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Reference", "torch_cnn_bn.safetensors");
    static readonly JsonElement Recorded = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "torch_cnn_bn.json"))).RootElement;
    static readonly LabeledImages Test = FashionMnist.Load(FashionMnist.EmbeddedDirectory).Match(Succ: d => d.Test, Fail: e => throw new Xunit.Sdk.XunitException(string.Join("; ", e)));

    static SavedModel Load(string path, TensorMap map) => ModelFile.Load(path, map).Match(Succ: m => m, Fail: e => throw new Xunit.Sdk.XunitException(e.Message));

    static float[] Logits(SavedModel model, LabeledImages images) =>
        Plan.Compile(model.Network.Apply(Network.Input, false).Logits)
            .Run(model.Values.AddOrUpdate(Network.Input.Name, model.Preprocessing.Apply(images)))[0].Span.ToArray();

    static void AssertLogitsAreTorchs(SavedModel model)
    {
        var rows = Recorded.GetProperty("logits").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var z = Logits(model, Test.Take(rows.Length));
        for (var i = 0; i < rows.Length; i++)
            for (var c = 0; c < 10; c++)
                Assert.True(Math.Abs(z[i * 10 + c] - rows[i][c]) <= 1e-5, $"image {i}, class {c}: PureNet {z[i * 10 + c]:R}, torch {rows[i][c]:R}");
    }

    [Fact]
    public void A_cnn_bn_trained_by_torch_gives_torchs_logits_and_test_accuracy()
    {
        var model = Load(Fixture, TensorMap.Torch);
        Assert.Equal(("cnn-bn", 0.0, 0.0, 1), (model.Network.Kind, model.Dropout, model.Network.L2, model.Width));   // absent metadata: the defaults
        AssertLogitsAreTorchs(model);
        var confusion = Predictions.Confusion(Predictions.Probabilities(model, Test), Test.Labels.Span);
        Assert.Equal(Recorded.GetProperty("correct").GetInt32(), Enumerable.Range(0, 10).Sum(c => confusion[c, c]));

        var (code, output) = Run.Purenet("evaluate", "--params", Fixture, "--map", "torch");
        Assert.True(code == 0, output);
        Assert.Contains($"test accuracy {Recorded.GetProperty("accuracy").GetDouble():F4} on 1000 images of the embedded subset — cnn-bn", output);
    }

    [Theory]
    [InlineData("mlp", "l1.W ← l1.weight, transposed; l1.b ← l1.bias; l2.W ← l2.weight, transposed; l2.b ← l2.bias; l3.W ← l3.weight, transposed; l3.b ← l3.bias")]
    [InlineData("cnn", "conv1.W ← conv1.weight; conv1.b ← conv1.bias; conv2.W ← conv2.weight; conv2.b ← conv2.bias; fc1.W ← fc1.weight, transposed; fc1.b ← fc1.bias; fc2.W ← fc2.weight, transposed; fc2.b ← fc2.bias")]
    [InlineData("cnn-bn", "conv1.W ← conv1.weight; conv2.W ← conv2.weight; fc1.W ← fc1.weight, transposed; fc2.W ← fc2.weight, transposed; fc2.b ← fc2.bias; "
        + "bn1.gamma ← bn1.weight; bn1.beta ← bn1.bias; bn2.gamma ← bn2.weight; bn2.beta ← bn2.bias; bn3.gamma ← bn3.weight; bn3.beta ← bn3.bias; "
        + "bn1.running_mean ← bn1.running_mean; bn1.running_var ← bn1.running_var; bn2.running_mean ← bn2.running_mean; bn2.running_var ← bn2.running_var; bn3.running_mean ← bn3.running_mean; bn3.running_var ← bn3.running_var")]
    public void The_torch_map_names_every_tensor_of_each_model_and_transposes_only_dense_weights(string kind, string rules)
    {
        var network = Network.Create(kind, 0, 0);
        var found = TensorMap.Torch.RulesFor(network).Match(Succ: r => r, Fail: e => throw new Xunit.Sdk.XunitException(e.Message));
        Assert.Equal(rules, string.Join("; ", found.Map(r => r.Rule.ToString())));

        // A file under those names, dense weights stored [out, in], reads back as the model's own values.
        var values = ParamTrees.Union<float>(network.Init(Rng.FromSeed(3))).Tensors;
        var pre = Preprocessing.Fit(Test.Take(20));
        var purenet = (SafetensorsFile)Safetensors.Parse("model", ModelFile.Encode(new SavedModel(network, pre, values, 0, 1)));
        var torchNamed = found.Map(r => SafetensorsTensor.From(r.Rule.Source, r.Rule.Transpose ? Tensor.Transpose(values[r.Target.Name]) : values[r.Target.Name]));
        using var dir = new TempDir();
        Safetensors.Write(dir.File("torch.safetensors"), torchNamed, purenet.Metadata);
        var back = Load(dir.File("torch.safetensors"), TensorMap.Torch);
        foreach (var r in found) Assert.Equal(values[r.Target.Name], back.Values[r.Target.Name]);
    }

    [Fact]
    public void A_json_map_reads_an_nn_sequential_state_dict()
    {
        // The fixture renamed as nn.Sequential numbers its layers, and the JSON map that undoes it (both rule forms).
        var file = (SafetensorsFile)Safetensors.Read(Fixture);
        var renames = new Dictionary<string, string> { ["conv1"] = "0", ["bn1"] = "1", ["conv2"] = "4", ["bn2"] = "5", ["fc1"] = "9", ["bn3"] = "10", ["fc2"] = "12" };
        string Renamed(string name) => renames[name[..name.IndexOf('.')]] + name[name.IndexOf('.')..];
        using var dir = new TempDir();
        var sequential = dir.File("sequential.safetensors");
        Safetensors.Write(sequential, file.Tensors.Select(t => t with { Name = Renamed(t.Name) }), file.Metadata);
        var rules = TensorMap.Torch.RulesFor(Network.Create("cnn-bn", 0, 0)).Match(Succ: r => r, Fail: e => throw new Xunit.Sdk.XunitException(e.Message));
        var json = "{" + string.Join(",\n", rules.Map(r => r.Rule.Transpose
            ? $"\"{r.Target.Name}\": {{\"from\": \"{Renamed(r.Rule.Source)}\", \"transpose\": true}}"
            : $"\"{r.Target.Name}\": \"{Renamed(r.Rule.Source)}\"")) + "}";
        File.WriteAllText(dir.File("map.json"), json);

        var viaJson = Load(sequential, (TensorMap)TensorMap.FromOption(dir.File("map.json")));
        var viaTorch = Load(Fixture, TensorMap.Torch);
        foreach (var (name, value) in viaTorch.Values) Assert.Equal(value, viaJson.Values[name]);
        var (code, output) = Run.Purenet("evaluate", "--params", sequential, "--map", dir.File("map.json"), "--limit-test", "100");
        Assert.True(code == 0, output);
        Assert.Matches(@"test accuracy 0\.\d{4} on 100 images", output);
    }

    [Fact]
    public void Init_from_a_torch_file_takes_its_tensors_through_the_map()
    {
        using var dir = new TempDir();
        var (code, output) = Run.QuickTrain(dir.File("tuned"), "--model", "cnn-bn", "--epochs", "1", "--limit-train", "100", "--init-from", Fixture, "--map", "torch", "--freeze", "conv1.");
        Assert.True(code == 0, output);
        Assert.Contains("loaded 17 tensors", output);
        var torch = Load(Fixture, TensorMap.Torch);
        var tuned = Load(Path.Combine(dir.File("tuned"), "model.safetensors"), TensorMap.Same);
        Assert.Equal(torch.Values["conv1.W"], tuned.Values["conv1.W"]);
        Assert.NotEqual(torch.Values["fc1.W"], tuned.Values["fc1.W"]);

        // Without the map only the running statistics, named alike on both sides, match; a JSON rule whose tensor is missing is an error, not a skip.
        (code, output) = Run.QuickTrain(dir.File("plain"), "--model", "cnn-bn", "--epochs", "1", "--limit-train", "100", "--init-from", Fixture);
        Assert.True(code == 0, output);
        Assert.Contains("loaded 6 tensors (bn1.running_mean, bn1.running_var, bn2.running_mean, bn2.running_var, bn3.running_mean, bn3.running_var)", output);
        File.WriteAllText(dir.File("map.json"), """{"fc1.W": {"from": "classifier.0.weight", "transpose": true}}""");
        (code, output) = Run.QuickTrain(dir.File("bad"), "--model", "cnn-bn", "--epochs", "1", "--limit-train", "100", "--init-from", Fixture, "--map", dir.File("map.json"));
        Assert.Equal(Cli.BadInput, code);
        Assert.Contains($"error: {Fixture}: tensor 'classifier.0.weight' (map {dir.File("map.json")}: fc1.W ← classifier.0.weight, transposed): expected a tensor of shape [128, 784] (fc1.W [784, 128], transposed), found none (missing).", output);
    }
}
