namespace PureNet;

/// <summary>The element types of the safetensors format, as spelled in its JSON header.</summary>
public enum SafetensorsDtype { BOOL, U8, I8, F8_E5M2, F8_E4M3, I16, U16, F16, BF16, I32, U32, F32, F64, I64, U64 }

public static class SafetensorsDtypes
{
    public static int Size(this SafetensorsDtype d) => d switch
    {
        SafetensorsDtype.BOOL or SafetensorsDtype.U8 or SafetensorsDtype.I8 or SafetensorsDtype.F8_E5M2 or SafetensorsDtype.F8_E4M3 => 1,
        SafetensorsDtype.I16 or SafetensorsDtype.U16 or SafetensorsDtype.F16 or SafetensorsDtype.BF16 => 2,
        SafetensorsDtype.I32 or SafetensorsDtype.U32 or SafetensorsDtype.F32 => 4,
        SafetensorsDtype.F64 or SafetensorsDtype.I64 or SafetensorsDtype.U64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(d), $"Safetensors: unknown dtype {d}."),
    };

    /// <summary>The dtype named exactly (case-sensitive, as the format spells it), or None.</summary>
    public static LanguageExt.Option<SafetensorsDtype> Parse(string name) =>
        Enum.TryParse<SafetensorsDtype>(name, ignoreCase: false, out var d) && Enum.IsDefined(d) && !int.TryParse(name, out _)
            ? d : LanguageExt.Option<SafetensorsDtype>.None;
}
