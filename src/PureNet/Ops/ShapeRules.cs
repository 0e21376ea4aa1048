

namespace PureNet;

/// <summary>Shape rules shared by many ops, built-in or a user's own; each throws a <see cref="ShapeException"/> naming the op and the rule.</summary>
public static class ShapeRules
{
    /// <summary>The op takes exactly <paramref name="n"/> inputs.</summary>
    /// <param name="op">The op's name, for the message.</param>
    /// <param name="inputs">The input shapes.</param>
    /// <param name="n">The number of inputs the op takes.</param>
    /// <exception cref="ShapeException">The count differs.</exception>
    public static void Arity(string op, IReadOnlyList<Shape> inputs, int n)
    {
        if (inputs.Count != n)
            throw new ShapeException($"{op}: takes {n} input(s), got {inputs.Count}.");
    }

    /// <summary>Elementwise ops take <paramref name="n"/> inputs of one shape (the Fn entry points broadcast first).</summary>
    /// <param name="op">The op's name, for the message.</param>
    /// <param name="inputs">The input shapes.</param>
    /// <param name="n">The number of inputs the op takes.</param>
    /// <returns>The common shape.</returns>
    /// <exception cref="ShapeException">The count differs or the shapes differ.</exception>
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
    /// <param name="op">This op's name, prefixed to the inner message.</param>
    /// <param name="inner">The op whose rule is applied.</param>
    /// <param name="inputs">The input shapes given to <paramref name="inner"/>.</param>
    /// <returns>The inner rule's shape.</returns>
    /// <exception cref="ShapeException">The inner rule refuses the shapes.</exception>
    public static Shape Inner(string op, IOp inner, IReadOnlyList<Shape> inputs)
    {
        try { return inner.InferShape(inputs); }
        catch (ShapeException e) { throw new ShapeException($"{op}: {e.Message}"); }
    }
}
