using PureNet.Cli;

namespace PureNet.Cli.Tests;

/// <summary>A map or a torch file that does not fit the model: each error names the file, the tensor or rule, and what was expected.</summary>
public class TorchMapBadInputTests
{
    static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Reference", "torch_cnn_bn.safetensors");
    static readonly SafetensorsFile Torch = (SafetensorsFile)Safetensors.Read(Fixture);

    static string Error((int Code, string Output) run)
    {
        Assert.True(run.Code == Cli.BadInput, run.Output);
        Assert.DoesNotContain("   at ", run.Output);
        return run.Output.Trim();
    }

    static string Evaluate(string file, params string[] extra) => Error(Run.Purenet(["evaluate", "--params", file, "--limit-test", "10", .. extra]));

    [Fact]
    public void A_torch_file_read_without_the_map_says_to_give_it()
    {
        Assert.Equal($"error: {Fixture}: tensor 'conv1.W': expected a tensor of shape [8, 1, 3, 3] (the model needs it), found none (missing). "
            + "Its tensors have PyTorch's names (X.weight): read it with --map torch.", Evaluate(Fixture));
    }

    [Fact]
    public void A_misshapen_or_missing_tensor_names_the_tensor_the_map_and_the_rule()
    {
        using var dir = new TempDir();
        var untransposed = dir.File("untransposed.safetensors");
        Safetensors.Write(untransposed, Torch.Tensors.Select(t => t.Name == "fc1.weight" ? t with { Shape = [784, 128] } : t), Torch.Metadata);
        Assert.Equal($"error: {untransposed}: tensor 'fc1.weight' (map torch: fc1.W ← fc1.weight, transposed) shape: expected [128, 784] (fc1.W [784, 128], transposed), found [784, 128].",
            Evaluate(untransposed, "--map", "torch"));

        var missing = dir.File("missing.safetensors");
        Safetensors.Write(missing, Torch.Tensors.Where(t => t.Name != "bn2.running_var"), Torch.Metadata);
        Assert.Equal($"error: {missing}: tensor 'bn2.running_var' (map torch: bn2.running_var ← bn2.running_var): expected a tensor of shape [16] (bn2.running_var [16]), found none (missing).",
            Evaluate(missing, "--map", "torch"));

        var map = dir.File("map.json");
        File.WriteAllText(map, """{"conv1.W": "features.0.weight"}""");
        Assert.Equal($"error: {Fixture}: tensor 'features.0.weight' (map {map}: conv1.W ← features.0.weight): expected a tensor of shape [8, 1, 3, 3] (conv1.W [8, 1, 3, 3]), found none (missing).",
            Evaluate(Fixture, "--map", map));

        var integers = dir.File("integers.safetensors");
        Safetensors.Write(integers, Torch.Tensors.Select(t => t.Name == "fc2.bias" ? t with { Dtype = SafetensorsDtype.I32 } : t), Torch.Metadata);
        Assert.Equal($"error: {integers}: tensor 'fc2.bias' dtype: expected a floating-point dtype (F64, F32, F16, BF16), found I32.", Evaluate(integers, "--map", "torch"));
    }

    [Fact]
    public void A_map_rule_must_name_a_tensor_of_the_model_and_transpose_only_a_matrix()
    {
        using var dir = new TempDir();
        var map = dir.File("map.json");
        File.WriteAllText(map, """{"l1.W": {"from": "0.weight", "transpose": true}}""");
        Assert.Equal($"error: {map}: rule 'l1.W ← 0.weight, transposed': expected a tensor of the cnn-bn model (conv1.W, conv2.W, fc1.W, fc2.W, fc2.b, bn1.gamma, bn1.beta, bn2.gamma, bn2.beta, bn3.gamma, bn3.beta, "
            + "bn1.running_mean, bn1.running_var, bn2.running_mean, bn2.running_var, bn3.running_mean, bn3.running_var), found 'l1.W', which it does not have.", Evaluate(Fixture, "--map", map));
        File.WriteAllText(map, """{"conv1.W": {"from": "conv1.weight", "transpose": true}}""");
        Assert.Equal($"error: {map}: rule 'conv1.W ← conv1.weight, transposed': expected transpose only on a 2-D tensor, found conv1.W of shape [8, 1, 3, 3].", Evaluate(Fixture, "--map", map));
    }

    [Theory]
    [InlineData("{", "map: expected a JSON object of rules, found malformed JSON (")]
    [InlineData("[]", "map: expected a JSON object of rules, found Array.")]
    [InlineData("{}", "map: expected at least one rule, found an empty object.")]
    [InlineData("""{"l1.W": 3}""", "rule 'l1.W': expected a tensor name or {\"from\": NAME, \"transpose\": true|false}, found Number.")]
    [InlineData("""{"l1.W": {"from": "0.weight", "transposed": true}}""", "rule 'l1.W': expected a tensor name or {\"from\": NAME, \"transpose\": true|false}, found the key 'transposed'.")]
    [InlineData("""{"l1.W": {"transpose": true}}""", "rule 'l1.W' from: expected the file's tensor name, a string, found none.")]
    [InlineData("""{"l1.W": {"from": "0.weight", "transpose": "yes"}}""", "rule 'l1.W' transpose: expected true or false, found \"yes\".")]
    [InlineData("""{"l1.W": ""}""", "rule 'l1.W': expected the file's tensor name, found an empty name.")]
    [InlineData("""{"l1.W": "a", "l1.W": "b"}""", "rule 'l1.W': expected one rule per tensor, found a second rule.")]
    public void A_malformed_map_file_names_the_rule_and_the_form(string json, string message)
    {
        var error = TensorMapJson.Parse("map.json", json).Match(Succ: _ => "parsed", Fail: e => e.Message);
        Assert.StartsWith($"map.json: {message}", error);
    }

    [Fact]
    public void The_map_option_takes_torch_or_an_existing_file_and_train_takes_it_only_with_init_from()
    {
        Assert.Equal("error: --map: value: expected torch or a JSON map file, found 'pytorch' (no such file).", Evaluate(Fixture, "--map", "pytorch"));
        Assert.Equal("error: train: --map tells how to read --init-from's file; give --init-from FILE too.",
            Error(Run.Purenet("train", "--map", "torch", "--epochs", "1", "--limit-train", "50")));
    }

    [Fact]
    public void A_torch_file_needs_the_kind_and_preprocessing_in_its_metadata()
    {
        using var dir = new TempDir();
        var bare = dir.File("bare.safetensors");
        Safetensors.Write(bare, Torch.Tensors, LanguageExt.Prelude.Map(("format", "pt")));
        Assert.Equal($"error: {bare}: __metadata__.purenet.model: expected a value (is this a purenet model?), found none.", Evaluate(bare, "--map", "torch"));
        var wide = dir.File("wide.safetensors");
        Safetensors.Write(wide, Torch.Tensors, Torch.Metadata.AddOrUpdate("purenet.width", "2"));
        Assert.Equal($"error: {wide}: tensor 'conv1.weight' (map torch: conv1.W ← conv1.weight) shape: expected [16, 1, 3, 3] (conv1.W [16, 1, 3, 3]), found [8, 1, 3, 3].", Evaluate(wide, "--map", "torch"));
        Safetensors.Write(wide, Torch.Tensors, Torch.Metadata.AddOrUpdate("purenet.width", "0.5"));
        Assert.Equal($"error: {wide}: __metadata__.purenet.width: expected an integer in [1, 16] (the CNNs' channel multiplier), found 0.5.", Evaluate(wide, "--map", "torch"));
    }
}
