using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// A primitive op: a record of attributes (compared by value) with its shape rule, its kernel and its
/// reverse-mode derivative rule side by side. Implement it to add an op; the catalog lists the built-in ones.
/// </summary>
public interface IOp
{
    /// <summary>The op's name in printed expressions and error messages.</summary>
    string Name { get; }

    /// <summary>The output shape for these input shapes, or a <see cref="ShapeException"/> naming the op, the shapes and the rule.</summary>
    Shape InferShape(Seq<Shape> inputs);

    /// <summary>Computes the output from concrete inputs; <paramref name="output"/> is the node's shape with the batch size filled in.</summary>
    Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> inputs, Shape output) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// The vector-Jacobian product: for the output node <paramref name="y"/> and its cotangent <paramref name="g"/>,
    /// one cotangent expression per input (shaped like that input). Rules may reuse <paramref name="y"/> itself.
    /// </summary>
    Seq<Expr> Vjp(Apply y, Expr g);
}
