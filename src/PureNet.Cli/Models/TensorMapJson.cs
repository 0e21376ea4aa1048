using System.Collections.Immutable;
using System.Text.Json;
using LanguageExt;

namespace PureNet.Cli;

/// <summary>
/// A name map as JSON: one member per PureNet tensor, its value the file's name for it (a string) or
/// <c>{"from": NAME, "transpose": true}</c>, e.g. <c>{"l1.W": {"from": "0.weight", "transpose": true}, "l1.b": "0.bias"}</c>.
/// </summary>
public static class TensorMapJson
{
    /// <summary>The map's rules; every problem names the map file, the rule and what was expected.</summary>
    /// <param name="file">The map file's path, for messages.</param>
    /// <param name="json">Its text.</param>
    /// <returns>The map, or the first problem found.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Fin<TensorMap> Parse(string file, string json)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException e) { return Problem.At(file, "map", "a JSON object of rules", $"malformed JSON ({e.Message})"); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return Problem.At(file, "map", "a JSON object of rules", doc.RootElement.ValueKind.ToString());
            var rules = ImmutableArray.CreateBuilder<TensorRule>();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (rules.Any(r => r.Target == p.Name)) return Problem.At(file, $"rule '{p.Name}'", "one rule per tensor", "a second rule");
                var rule = Rule(file, p.Name, p.Value);
                if (rule.IsFail) return (LanguageExt.Common.Error)rule;
                rules.Add((TensorRule)rule);
            }
            return rules.Count == 0
                ? Problem.At(file, "map", "at least one rule", "an empty object")
                : new TensorMap.Listed(file, rules.ToImmutable());
        }
    }

    static Fin<TensorRule> Rule(string file, string target, JsonElement value)
    {
        const string Form = "a tensor name or {\"from\": NAME, \"transpose\": true|false}";
        if (target.Length == 0) return Problem.At(file, "rule ''", "a tensor name before the colon", "an empty name");
        if (value.ValueKind == JsonValueKind.String) return Named(file, target, value.GetString()!, false);
        if (value.ValueKind != JsonValueKind.Object) return Problem.At(file, $"rule '{target}'", Form, value.ValueKind.ToString());
        foreach (var key in value.EnumerateObject())
            if (key.Name is not ("from" or "transpose")) return Problem.At(file, $"rule '{target}'", Form, $"the key '{key.Name}'");
        if (!value.TryGetProperty("from", out var from) || from.ValueKind != JsonValueKind.String)
            return Problem.At(file, $"rule '{target}' from", "the file's tensor name, a string", from.ValueKind == JsonValueKind.Undefined ? "none" : from.ValueKind.ToString());
        if (!value.TryGetProperty("transpose", out var transpose)) return Named(file, target, from.GetString()!, false);
        return transpose.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? Named(file, target, from.GetString()!, transpose.GetBoolean())
            : Problem.At(file, $"rule '{target}' transpose", "true or false", transpose.GetRawText());
    }

    static Fin<TensorRule> Named(string file, string target, string source, bool transpose) =>
        source.Length == 0 ? Problem.At(file, $"rule '{target}'", "the file's tensor name", "an empty name") : new TensorRule(target, source, transpose);
}
