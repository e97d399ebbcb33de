using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using MediaSync;
using MediaSync.Discovery;
using MediaSync.Processing;
using MediaSync.Reporting;

// MinifyStep <media root> <esbuild> <batches>: prints one line, the seconds each batch took, space-separated.
// Each batch makes its processor and minifies every file, as one Invoke-MediaProcessor call does.
// MinifyStep compare <out dir> <esbuild> <rounds> <file>...: minifies each file alone with esbuild and with NUglify,
// <rounds> times, writes the outputs to <out dir>/<minifier>/<file name> and prints one TSV line per file and
// minifier: name, minifier, median milliseconds, output bytes, and whether the minifier rejected the file.
if (args.Length > 0 && args[0] == "compare") return MinifierComparison.Run(args.Skip(1).ToArray());
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: MinifyStep <media root> <esbuild> <batches> | MinifyStep compare <out dir> <esbuild> <rounds> <file>...");
    return 2;
}
var host = new BenchHost();
var files = MediaDiscovery.Discover(new MediaDiscoveryRequest { Roots = new[] { System.IO.Path.GetFullPath(args[0]) } }, host).ToList();
var seconds = new List<string>();
for (var batch = 0; batch < int.Parse(args[2], CultureInfo.InvariantCulture); batch++)
{
    var clock = Stopwatch.StartNew();
    var minify = BuiltInProcessors.Create("Minify", new ProcessorSettings { EsbuildPath = args[1] });
    var processed = MediaProcessing.Run(files, new[] { minify }, host);
    seconds.Add(clock.Elapsed.TotalSeconds.ToString("0.0000", CultureInfo.InvariantCulture));
    if (processed.Any(f => f.Processors.Count != 1)) host.Fail("a file was not minified");
}
Console.WriteLine(string.Join(" ", seconds));
return host.Failed ? 1 : 0;

internal static class MinifierComparison
{
    public static int Run(string[] args)
    {
        var (outDir, esbuild, rounds) = (args[0], args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
        foreach (var path in args.Skip(3))
        {
            var name = System.IO.Path.GetFileName(path);
            var file = new MediaFile(name, path, MediaFile.ProjectSource, System.IO.Path.GetDirectoryName(path)!,
                new MediaSync.Content.FileContent(path, new System.IO.FileInfo(path).Length), DateTime.UtcNow);
            foreach (var minifier in new[] { MinifierChoice.Esbuild, MinifierChoice.NUglify })
            {
                var times = new List<double>();
                MediaFile result = file;
                var host = new BenchHost { Quiet = true };
                for (var round = 0; round < rounds; round++)
                {
                    var clock = Stopwatch.StartNew();
                    var minify = BuiltInProcessors.Create("Minify", new ProcessorSettings { EsbuildPath = esbuild, Minifier = minifier });
                    result = MediaProcessing.Run(new[] { file }, new[] { minify }, host)[0];
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }
                var folder = System.IO.Path.Combine(outDir, minifier.ToString().ToLowerInvariant());
                System.IO.Directory.CreateDirectory(folder);
                System.IO.File.WriteAllBytes(System.IO.Path.Combine(folder, name), result.Content.ReadAllBytes());
                times.Sort();
                var rejected = result.Processors.Count == 0;
                Console.WriteLine(string.Join("\t", name, minifier, times[times.Count / 2].ToString("0.0", CultureInfo.InvariantCulture), result.Length, rejected ? "rejected" : "ok"));
            }
        }
        return 0;
    }
}

internal sealed class BenchHost : IEngineHost
{
    public bool Failed { get; private set; }
    /// <summary>A comparison expects rejections: they are its findings, not failures.</summary>
    public bool Quiet { get; set; }
    public CancellationToken Cancellation => CancellationToken.None;
    public void WriteVerbose(string message) { }
    public void WriteWarning(string message) { if (!Quiet) Console.Error.WriteLine("WARNING: " + message); }
    public void WriteError(MediaSyncError error) { if (!Quiet) Fail(error.Message); }
    public void WriteProgress(ProgressReport progress) { }
    public bool ShouldProcess(string target, string action) => true;
    public bool ShouldProcessHighImpact(string target, string action, string warning) => true;

    public void Fail(string message)
    {
        Failed = true;
        Console.Error.WriteLine("ERROR: " + message);
    }
}
