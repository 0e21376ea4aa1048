using FsCheck;
using FsCheck.Fluent;
using PureNet;

namespace PureNet.Testing;

/// <summary>FsCheck generators for shapes and tensors, for the project's properties and for users checking their own functions.</summary>
public static class Generators
{
    /// <summary>Concrete shapes of rank in [minRank, maxRank] with sizes in [1, maxDim].</summary>
    /// <param name="minRank">The least rank, ≥ 0.</param>
    /// <param name="maxRank">The greatest rank, ≥ <paramref name="minRank"/>.</param>
    /// <param name="maxDim">The greatest size of an axis, ≥ 1.</param>
    /// <returns>A generator of shapes.</returns>
    /// <exception cref="ArgumentException">The ranks are out of order or negative, or <paramref name="maxDim"/> is below 1.</exception>
    public static Gen<Shape> Shape(int minRank = 0, int maxRank = 3, int maxDim = 4) =>
        minRank < 0 || maxRank < minRank ? throw new ArgumentException($"Generators.Shape: ranks [{minRank}, {maxRank}] must satisfy 0 ≤ minRank ≤ maxRank.", nameof(maxRank))
        : maxDim < 1 ? throw new ArgumentException($"Generators.Shape: maxDim {maxDim} must be ≥ 1.", nameof(maxDim))
        : from rank in Gen.Choose(minRank, maxRank)
        from dims in Gen.ArrayOf(Gen.Choose(1, maxDim), rank)
        select new Shape(dims);

    /// <summary>Two shapes that broadcast together: one full shape, the other with leading axes dropped and some sizes set to 1 (in either order).</summary>
    /// <param name="maxRank">The full shape's greatest rank, ≥ 0.</param>
    /// <param name="maxDim">The greatest size of an axis, ≥ 1.</param>
    /// <returns>A generator of shape pairs.</returns>
    /// <exception cref="ArgumentException"><paramref name="maxRank"/> is negative or <paramref name="maxDim"/> is below 1.</exception>
    public static Gen<(Shape A, Shape B)> BroadcastPair(int maxRank = 3, int maxDim = 4) =>
        from full in Shape(0, maxRank, maxDim)
        from drop in Gen.Choose(0, full.Rank)
        from ones in Gen.ArrayOf(Gen.Elements(false, false, true), full.Rank)
        from swap in Gen.Elements(false, true)
        let other = new Shape(full.Skip(drop).Select((d, i) => ones[i + drop] ? 1 : d))
        select swap ? (other, full) : (full, other);

    /// <summary>A tensor of the shape with values in the domain.</summary>
    /// <param name="shape">The shape, concrete.</param>
    /// <param name="domain">Where the values lie.</param>
    /// <returns>A generator of tensors.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> or <paramref name="domain"/> is null.</exception>
    /// <exception cref="ArgumentException">The domain is bad (bounds not finite or reversed, a negative gap, a kink not finite), or the shape has a batch axis.</exception>
    public static Gen<Tensor<double>> Values(Shape shape, Domain domain)
    {
        if (shape is null) throw new ArgumentNullException(nameof(shape), "Generators.Values: shape is null.");
        if (domain is null) throw new ArgumentNullException(nameof(domain), "Generators.Values: domain is null.");
        domain.Checked("Generators.Values");
        if (shape.HasBatch) throw new ArgumentException($"Generators.Values: shape {shape} has an open batch axis; values need a concrete shape.", nameof(shape));
        return from raw in Gen.ArrayOf(Gen.Choose(0, 1_000_000), shape.Size)
               select Tensor.FromArray<double>(shape, Place(raw, domain));
    }

    static double[] Place(int[] raw, Domain d)
    {
        var span = d.High - d.Low;
        if (d.Distinct)
        {
            // Rank the draws and spread the ranks over the range less a hole of 2·gap around each kink inside it:
            // neighbours are at least (usable span)/n·0.5 apart, and no value is within the gap of a kink.
            var holes = d.Kinks.Where(k => k - d.Gap > d.Low && k + d.Gap < d.High).Order().ToArray();
            var usable = span - 2 * d.Gap * holes.Length;
            var order = raw.Select((r, i) => (r, i)).OrderBy(p => p.r).ThenBy(p => p.i).Select(p => p.i).ToArray();
            var values = new double[raw.Length];
            for (var k = 0; k < order.Length; k++)
            {
                var v = d.Low + usable * (k + 0.25 + 0.5 * (raw[order[k]] % 1000) / 1000.0) / Math.Max(1, raw.Length);
                foreach (var kink in holes) if (v >= kink - d.Gap) v += 2 * d.Gap;
                values[order[k]] = v;
            }
            return values;
        }
        return [.. raw.Select(r =>
        {
            var v = d.Low + span * r / 1_000_000.0;
            foreach (var k in d.Kinks)
                if (Math.Abs(v - k) < d.Gap) v = v < k ? k - d.Gap : k + d.Gap;
            return v;
        })];
    }

    /// <summary>Bindings for the variables from the generators given per variable.</summary>
    /// <param name="vars">Each variable with the domain of its values.</param>
    /// <returns>A generator of bindings by variable name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="vars"/> is null.</exception>
    public static Gen<LanguageExt.HashMap<string, Tensor<double>>> Bindings(params (Variable Var, Domain Domain)[] vars) =>
        (vars ?? throw new ArgumentNullException(nameof(vars), "Generators.Bindings: vars is null.")).Aggregate(Gen.Constant(LanguageExt.HashMap<string, Tensor<double>>.Empty), (acc, v) =>
            from m in acc
            from t in Values(v.Var.Shape, v.Domain)
            select m.Add(v.Var.Name, t));
}
