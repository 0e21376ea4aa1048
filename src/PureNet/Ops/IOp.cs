using System.Collections.Immutable;
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
    /// <see cref="Eval{T}(ReadOnlySpan{Tensor{T}}, Shape)"/> with the output's storage taken from <paramref name="allocate"/>
    /// (a compiled plan passes buffers it reuses across calls). Ops that do not take storage from it keep allocating.
    /// </summary>
    Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> inputs, Shape output, Allocator<T>? allocate) where T : unmanaged, IFloatingPointIeee754<T> =>
        Eval(inputs, output);

    /// <summary>
    /// The vector-Jacobian product: for the output node <paramref name="y"/> and its cotangent <paramref name="g"/>,
    /// exactly one cotangent expression per input, in input order, each shaped like its input (the differentiator
    /// checks both). Rules may reuse <paramref name="y"/> itself. The return type is an
    /// <see cref="ImmutableArray{T}"/> so a collection expression <c>[g * y, -g]</c> means what it says.
    /// </summary>
    ImmutableArray<Expr> Vjp(Apply y, Expr g);
}
