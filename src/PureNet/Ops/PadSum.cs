using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// Σ_i pad(x_i, Befores[i]) to one shape, as one node: reverse mode uses it to sum the adjoints of many slices of one
/// tensor (n pads of size n would cost O(n²)); its kernel scatter-adds the pieces into one buffer. Each piece's
/// derivative is the slice of the cotangent at its box.
/// </summary>
public sealed record PadSumOp : PrimitiveOp
{
    /// <summary>One offset per piece: a list parameter, so <c>new PadSumOp([a, b], shape)</c> means what it says.</summary>
    /// <param name="befores">Each piece's offset in the result, one count per axis.</param>
    /// <param name="shape">The result's shape.</param>
    /// <exception cref="ArgumentNullException"><paramref name="befores"/>, one of its elements, or <paramref name="shape"/> is null.</exception>
    public PadSumOp(IEnumerable<Axes> befores, Shape shape)
    {
        Befores = Prelude.toSeq(Guard.NoNulls(Guard.NotNull(befores, "pad_sum").ToArray(), "pad_sum", nameof(befores))).Strict();
        Shape = Guard.NotNull(shape, "pad_sum");
    }

    /// <summary>Each piece's offset in the result.</summary>
    public Seq<Axes> Befores { get; }
    /// <summary>The result's shape; it may hold <see cref="Dim.Batch"/>.</summary>
    public Shape Shape { get; init; }

    /// <inheritdoc/>
    public override string Name => "pad_sum";
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s)
    {
        // Checked here too: a `with` can set what the constructor checked.
        Guard.NotNull(Shape, Name);
        Guard.NoNulls(Guard.NotNull(Befores.ToArray(), Name), Name, nameof(Befores));
        if (s.Count != Befores.Count || s.Count == 0)
            throw new ShapeException($"{Name}: {s.Count} pieces for {Befores.Count} offsets; one offset per piece, at least one piece.");
        foreach (var (piece, before) in s.Zip(Befores))
        {
            if (piece.Rank != Shape.Rank || before.Items.Length != Shape.Rank)
                throw new ShapeException($"{Name}: piece {piece} at {before} does not fit in {Shape}; a piece and its offset name every axis of the result.");
            var after = Enumerable.Range(0, Shape.Rank).Select(a => Shape[a] == Dim.Batch ? 0 : Shape[a] - before.Items[a] - piece[a]).ToArray();
            var padded = ShapeRules.Inner(Name, new PadOp(before, new Axes(after)), [piece]);
            if (padded != Shape) throw new ShapeException($"{Name}: piece {piece} at {before} does not fit in {Shape}.");
        }
        return Shape;
    }
    /// <inheritdoc/>
    protected override PrimitiveOp WithBatchSize(int size) => this with { Shape = Shape.WithBatch(size) };
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Layout.PadSum(x, Befores.ToArray(), output, allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Linear(y, t);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) =>
        [.. y.Inputs.Zip(Befores).Select(p => Fn.Slice(g, [.. p.Item2.Items], p.Item1.Shape))];
}

public static partial class Fn
{
    /// <summary>Sums cotangents, folding those that are pads of pieces into one <see cref="PadSumOp"/> node.</summary>
    internal static Expr SumCotangents(IReadOnlyList<Expr> terms)
    {
        if (terms.Count == 1) return terms[0];
        var pads = terms.OfType<Apply>().Where(t => t.Op is PadOp).ToList();
        IEnumerable<Expr> rest = terms;
        if (pads.Count > 1)
        {
            var pieces = pads.Select(p => p.Inputs[0]).ToArray();
            var joined = new Apply(new PadSumOp(pads.Select(p => ((PadOp)p.Op).Before).ToSeq().Strict(), pads[0].Shape), Inputs(pieces));
            rest = terms.Where(t => t is not Apply { Op: PadOp }).Append(joined);
        }
        return rest.Aggregate((acc, t) => acc + t);
    }
}
