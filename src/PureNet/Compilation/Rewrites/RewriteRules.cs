using System.Collections.Immutable;

namespace PureNet;

/// <summary>The rules <see cref="Simplifier.Simplify(Expr)"/> runs, in the order it tries them at each node.</summary>
public static class RewriteRules
{
    /// <summary>
    /// Every simplification rule, in the order tried: constant folding and counts first, then the identities of 0 and 1,
    /// negations, like terms and coefficients, factors, wheres, shape chains and the log identities. Pass a subset to
    /// <see cref="Simplifier.Simplify(Expr, IReadOnlyList{IRewriteRule})"/> to run fewer.
    /// </summary>
    public static ImmutableArray<IRewriteRule> All { get; } =
    [
        new FoldConstants(),
        new CountOfStaticAxes(),
        new CountReadsOnlyTheShape(),
        new AddZero(),
        new SubZero(),
        new MulZero(),
        new MulOne(),
        new ZeroDividend(),
        new DivByConstant(),
        new DoubleNegation(),
        new NegatedOperand(),
        new LikeTerms(),
        new LikeTermsAcrossASum(),
        new Coefficients(),
        new ScalarFactors(),
        new ConstantFactorsOut(),
        new ConstantOutOfSum(),
        new CenteredSum(),
        new OppositeFactors(),
        new SquareOfSame(),
        new CancelledFactor(),
        new PowerOfOne(),
        new SameBranches(),
        new ComplementaryWheres(),
        new FactorMaskedByItsZeros(),
        new WheresOfProducts(),
        new ConstantOutOfWhere(),
        new ShapeChains(),
        new LogOfOnePlus(),
        new LogOfSigmoid(),
        new LogOfExp(),
        new LogOfSumOfExp(),
    ];
}
