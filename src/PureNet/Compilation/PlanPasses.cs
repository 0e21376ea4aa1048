using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace PureNet;

/// <summary>
/// The passes <see cref="Plan"/> runs once when it compiles: which nodes are forward, which slots each step frees, and
/// which broadcasts its readers take in place. Each is a loop over slot numbers and input edges, linear in the graph.
/// </summary>
internal static class PlanPasses
{
    /// <summary>Per node: true when a forward output (the first <paramref name="forwardOutputs"/>) needs it; one backward sweep.</summary>
    public static ImmutableArray<bool> ForwardNodes(int[][] inputs, ImmutableArray<int> outputs, int forwardOutputs)
    {
        var forward = new bool[inputs.Length];
        if (forwardOutputs >= outputs.Length) Array.Fill(forward, true);
        else
        {
            for (var k = 0; k < forwardOutputs; k++) forward[outputs[k]] = true;
            for (var i = inputs.Length - 1; i >= 0; i--)
                if (forward[i]) foreach (var j in inputs[i]) forward[j] = true;
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(forward);
    }

    /// <summary>Per step, the slots whose last reader it is (in slot order): their buffers go back to the arena after it.</summary>
    public static ImmutableArray<ImmutableArray<int>> ReleaseLists(int[] lastUse)
    {
        var count = new int[lastUse.Length];
        for (var j = 0; j < lastUse.Length; j++) if (lastUse[j] < lastUse.Length && lastUse[j] > j) count[lastUse[j]]++;
        var release = new int[lastUse.Length][];
        for (var i = 0; i < release.Length; i++) release[i] = count[i] == 0 ? [] : new int[count[i]];
        Array.Clear(count);
        for (var j = 0; j < lastUse.Length; j++) if (lastUse[j] < lastUse.Length && lastUse[j] > j) release[lastUse[j]][count[lastUse[j]]++] = j;
        return [.. release.Select(ImmutableCollectionsMarshal.AsImmutableArray)];
    }

    /// <summary>
    /// A broadcast_to of a row (trailing axes), of one value per block of trailing axes (a per-channel [1, C, 1, 1]) or of a
    /// single value, read only by elementwise binary ops whose other operand already has the full shape, is a view:
    /// its readers take the unbroadcast input and broadcast it in their kernel (a bias row is added row by row), so the
    /// stretched copy is never made. Returns the rewired input slots and which broadcasts are skipped.
    /// </summary>
    public static (ImmutableArray<ImmutableArray<int>>, ImmutableArray<bool>) ReadBroadcastsInPlace(ImmutableArray<Expr> nodes, int[][] inputs, ImmutableArray<int> outputs)
    {
        var isOutput = new bool[nodes.Length];
        foreach (var o in outputs) isOutput[o] = true;
        // A broadcast is a candidate until one of its readers rules it out; one pass over the edges.
        var candidate = new bool[nodes.Length];
        var read = new bool[nodes.Length];
        for (var i = 0; i < nodes.Length; i++) candidate[i] = nodes[i] is Apply { Op: BroadcastToOp } && !isOutput[i];
        for (var u = 0; u < nodes.Length; u++)
            foreach (var j in inputs[u])
                if (candidate[j])
                {
                    read[j] = true;
                    candidate[j] = ReadsBroadcastInKernel(nodes, inputs[u], u, j);
                }
        for (var i = 0; i < nodes.Length; i++) candidate[i] &= read[i];
        // The other operand must stay full: of two broadcasts meeting in one op, neither is skipped.
        var skip = (bool[])candidate.Clone();
        for (var u = 0; u < nodes.Length; u++)
            foreach (var j in inputs[u])
                if (candidate[j] && ReadsAnotherCandidate(inputs[u], j, candidate)) skip[j] = false;
        for (var u = 0; u < nodes.Length; u++)
            for (var k = 0; k < inputs[u].Length; k++)
                if (skip[inputs[u][k]]) inputs[u][k] = inputs[inputs[u][k]][0];
        return ([.. inputs.Select(ImmutableCollectionsMarshal.AsImmutableArray)], ImmutableCollectionsMarshal.AsImmutableArray(skip));
    }

    /// <summary>Reader u takes broadcast j once, as one operand of an elementwise binary op whose other operand is full.</summary>
    static bool ReadsBroadcastInKernel(ImmutableArray<Expr> nodes, int[] reads, int u, int j)
    {
        if (nodes[u] is not Apply { Op: AddOp or SubOp or MulOp or DivOp or PowOp or MaximumOp or MinimumOp or CompareOp }) return false;
        var small = nodes[j] is Apply b ? b.Inputs[0].Shape : nodes[j].Shape;
        if (!Elementwise.IsTrailing(small, nodes[u].Shape) && Elementwise.Blockwise(small, nodes[u].Shape).Mid == 0) return false;
        var times = 0;
        foreach (var k in reads)
            if (k == j) times++;
            else if (nodes[k].Shape != nodes[u].Shape) return false;
        return times == 1;
    }

    static bool ReadsAnotherCandidate(int[] reads, int j, bool[] candidate)
    {
        foreach (var k in reads) if (k != j && candidate[k]) return true;
        return false;
    }
}
