

namespace PureNet;

/// <summary>Shape rules shared by many ops, built-in or a user's own; each throws a <see cref="ShapeException"/> naming the op and the rule.</summary>
public static class ShapeRules
{
    public static void Arity(string op, IReadOnlyList<Shape> inputs, int n)
    {
        if (inputs.Count != n)
            throw new ShapeException($"{op}: takes {n} input(s), got {inputs.Count}.");
    }

    /// <summary>Elementwise ops take inputs of one shape (the Fn entry points broadcast first).</summary>
    public static Shape Same(string op, IReadOnlyList<Shape> inputs, int n)
    {
        Arity(op, inputs, n);
        var first = inputs[0];
        for (var k = 1; k < inputs.Count; k++)
            if (inputs[k] != first)
                throw new ShapeException($"{op}: input shapes {string.Join(" and ", inputs)} differ; elementwise inputs must have one shape (Fn.{op} broadcasts them first).");
        return first;
    }

    /// <summary>Another op's shape rule used inside this one's; its refusal is reported under this op's name too.</summary>
    public static Shape Inner(string op, IOp inner, IReadOnlyList<Shape> inputs)
    {
        try { return inner.InferShape(inputs); }
        catch (ShapeException e) { throw new ShapeException($"{op}: {e.Message}"); }
    }
}
