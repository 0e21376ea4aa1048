namespace PureNet;

/// <summary>
/// The stream a writer is handed by <see cref="AtomicFile.Write"/>: it passes reads, writes and seeks through to the
/// temporary file but closing it leaves the file open. A writer written the usual .NET way
/// (<c>using var w = new StreamWriter(s)</c>) disposes the stream it was given; that must flush the writer's text into
/// the file, not close the file before AtomicFile has flushed it to disk and renamed it.
/// </summary>
internal sealed class KeepOpenStream(Stream inner) : Stream
{
    bool closed;

    Stream Inner => closed ? throw new ObjectDisposedException(nameof(AtomicFile), "AtomicFile.Write: the writer used its stream after disposing it.") : inner;

    public override bool CanRead => !closed && inner.CanRead;
    public override bool CanSeek => !closed && inner.CanSeek;
    public override bool CanWrite => !closed && inner.CanWrite;
    public override long Length => Inner.Length;
    public override long Position { get => Inner.Position; set => Inner.Position = value; }

    public override void Flush() => Inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => Inner.Read(buffer, offset, count);
    public override int Read(Span<byte> buffer) => Inner.Read(buffer);
    public override long Seek(long offset, SeekOrigin origin) => Inner.Seek(offset, origin);
    public override void SetLength(long value) => Inner.SetLength(value);
    public override void Write(byte[] buffer, int offset, int count) => Inner.Write(buffer, offset, count);
    public override void Write(ReadOnlySpan<byte> buffer) => Inner.Write(buffer);
    public override void WriteByte(byte value) => Inner.WriteByte(value);

    /// <summary>Closes this view only; the file stays open for AtomicFile.</summary>
    protected override void Dispose(bool disposing)
    {
        closed = true;
        base.Dispose(disposing);
    }
}
