namespace PureNet;

/// <summary>The element types of the safetensors format, as spelled in its JSON header.</summary>
public enum SafetensorsDtype
{
    /// <summary>Boolean, one byte.</summary>
    BOOL,
    /// <summary>Unsigned 8-bit integer.</summary>
    U8,
    /// <summary>Signed 8-bit integer.</summary>
    I8,
    /// <summary>8-bit float with 5 exponent and 2 mantissa bits.</summary>
    F8_E5M2,
    /// <summary>8-bit float with 4 exponent and 3 mantissa bits.</summary>
    F8_E4M3,
    /// <summary>Signed 16-bit integer.</summary>
    I16,
    /// <summary>Unsigned 16-bit integer.</summary>
    U16,
    /// <summary>IEEE 754 half precision (readable by <see cref="SafetensorsTensor.ToTensor{T}"/>).</summary>
    F16,
    /// <summary>bfloat16: the upper half of a single (readable by <see cref="SafetensorsTensor.ToTensor{T}"/>).</summary>
    BF16,
    /// <summary>Signed 32-bit integer.</summary>
    I32,
    /// <summary>Unsigned 32-bit integer.</summary>
    U32,
    /// <summary>IEEE 754 single precision: what PureNet writes for float.</summary>
    F32,
    /// <summary>IEEE 754 double precision: what PureNet writes for double.</summary>
    F64,
    /// <summary>Signed 64-bit integer.</summary>
    I64,
    /// <summary>Unsigned 64-bit integer.</summary>
    U64,
}

/// <summary>Facts about <see cref="SafetensorsDtype"/>: element sizes and the names the format spells.</summary>
public static class SafetensorsDtypes
{
    /// <summary>The bytes one element of the dtype takes.</summary>
    /// <param name="d">The dtype.</param>
    /// <returns>1, 2, 4 or 8.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="d"/> is not a <see cref="SafetensorsDtype"/>.</exception>
    public static int Size(this SafetensorsDtype d) => d switch
    {
        SafetensorsDtype.BOOL or SafetensorsDtype.U8 or SafetensorsDtype.I8 or SafetensorsDtype.F8_E5M2 or SafetensorsDtype.F8_E4M3 => 1,
        SafetensorsDtype.I16 or SafetensorsDtype.U16 or SafetensorsDtype.F16 or SafetensorsDtype.BF16 => 2,
        SafetensorsDtype.I32 or SafetensorsDtype.U32 or SafetensorsDtype.F32 => 4,
        SafetensorsDtype.F64 or SafetensorsDtype.I64 or SafetensorsDtype.U64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(d), $"Safetensors: unknown dtype {d}."),
    };

    /// <summary>The dtype named exactly (case-sensitive, as the format spells it), or None.</summary>
    /// <param name="name">The name from a header, such as <c>F32</c>.</param>
    /// <returns>The dtype, or None for any other text (numbers included).</returns>
    public static LanguageExt.Option<SafetensorsDtype> Parse(string name) =>
        Enum.TryParse<SafetensorsDtype>(name, ignoreCase: false, out var d) && Enum.IsDefined(d) && !int.TryParse(name, out _)
            ? d : LanguageExt.Option<SafetensorsDtype>.None;
}
