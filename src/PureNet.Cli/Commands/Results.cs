using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace PureNet.Cli;

public static class Results
{
    /// <summary>A validation as a Fin: all its errors in one (printed one per line at the edge).</summary>
    public static Fin<A> ToFin<A>(this Validation<Error, A> v) =>
        v.Match(Succ: x => FinSucc(x), Fail: errors => FinFail<A>(errors.Count == 1 ? errors.Head : Error.Many(errors)));
}
