using PureNet;

namespace PureNet.Tests;

/// <summary>AtomicFile: the content lands whole or not at all, whatever the writer does with its stream, and errors name the user's path.</summary>
public class AtomicFileTests
{
    [Fact]
    public void A_writer_that_disposes_its_stream_still_writes_the_file()
    {
        using var dir = new TempDir();
        var path = dir.File("notes.txt");
        AtomicFile.Write(path, s =>
        {
            using var w = new StreamWriter(s);   // the usual .NET way: disposing the writer disposes the stream it was given
            w.Write("hello");
        });
        Assert.Equal("hello", File.ReadAllText(path));
        Assert.Equal(["notes.txt"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));   // no temporary file left behind
    }

    [Fact]
    public void A_writer_that_closes_its_stream_then_writes_again_fails_and_leaves_nothing()
    {
        using var dir = new TempDir();
        var path = dir.File("late.bin");
        var e = Assert.Throws<ObjectDisposedException>(() => AtomicFile.Write(path, s => { s.Close(); s.WriteByte(1); }));
        Assert.Contains("AtomicFile.Write", e.Message);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_writer_that_throws_leaves_no_file_and_its_exception_reaches_the_caller_unchanged()
    {
        using var dir = new TempDir();
        var path = dir.File("half.bin");
        var e = Assert.Throws<FormatException>(() => AtomicFile.Write(path, s => { s.WriteByte(1); throw new FormatException("mine"); }));
        Assert.Equal("mine", e.Message);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void The_longest_file_name_the_system_allows_is_written()
    {
        using var dir = new TempDir();
        var path = dir.File(new string('n', 255));
        AtomicFile.WriteAllText(path, "long");
        Assert.Equal("long", File.ReadAllText(path));
    }

    [Fact]
    public void A_failure_of_its_own_steps_names_the_users_path_not_the_temporary_file()
    {
        using var dir = new TempDir();
        var path = dir.File(new string('n', 300));               // longer than any file name the system allows
        var e = Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText(path, "x"));
        Assert.Contains("AtomicFile.Write", e.Message);
        Assert.Contains(path, e.Message);
        Assert.DoesNotContain(".tmp", e.Message);
        var blocked = dir.File("file");
        File.WriteAllText(blocked, "");
        var under = Path.Combine(blocked, "x.bin");                  // a file where a directory must be
        var e2 = Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText(under, "x"));
        Assert.Contains("AtomicFile.Write", e2.Message);
        Assert.Contains(under, e2.Message);
    }

    [Theory]
    [InlineData("a\0b", "not a valid file path")]
    [InlineData("dir/", "ends in a directory separator")]
    [InlineData("  ", "empty")]
    public void A_path_that_names_no_file_is_refused_by_name(string path, string rule)
    {
        var e = Assert.Throws<ArgumentException>(() => AtomicFile.Write(path, _ => { }));
        Assert.Contains("AtomicFile.Write", e.Message);
        Assert.Contains($"'{path}'", e.Message);
        Assert.Contains(rule, e.Message);
    }

    [Fact]
    public void WriteAllText_of_null_is_refused_by_name()
    {
        var e = Assert.Throws<ArgumentNullException>(() => AtomicFile.WriteAllText("x.txt", null!));
        Assert.Equal("text", e.ParamName);
        Assert.Contains("AtomicFile.WriteAllText", e.Message);
    }
}
