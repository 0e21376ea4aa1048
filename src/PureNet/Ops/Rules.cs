using LanguageExt;

namespace PureNet;

/// <summary>Shape rules shared by many ops; each throws a <see cref="ShapeException"/> naming the op and the rule.</summary>
internal static class Rules
{
    public static void Arity(string op, Seq<Shape> inputs, int n)
    {
        if (inputs.Count != n)
            throw new ShapeException($"{op}: takes {n} input(s), got {inputs.Count}.");
    }

    /// <summary>Elementwise ops take inputs of one shape (the Fn entry points broadcast first).</summary>
    public static Shape Same(string op, Seq<Shape> inputs, int n)
    {
        Arity(op, inputs, n);
        var first = inputs[0];
        for (var k = 1; k < inputs.Count; k++)
            if (inputs[k] != first)
                throw new ShapeException($"{op}: input shapes {string.Join(" and ", inputs)} differ; elementwise inputs must have one shape (Fn.{op} broadcasts them first).");
        return first;
    }
}
