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
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: MinifyStep <media root> <esbuild> <batches>");
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

internal sealed class BenchHost : IEngineHost
{
    public bool Failed { get; private set; }
    public CancellationToken Cancellation => CancellationToken.None;
    public void WriteVerbose(string message) { }
    public void WriteWarning(string message) => Console.Error.WriteLine("WARNING: " + message);
    public void WriteError(MediaSyncError error) => Fail(error.Message);
    public void WriteProgress(ProgressReport progress) { }
    public bool ShouldProcess(string target, string action) => true;
    public bool ShouldProcessHighImpact(string target, string action, string warning) => true;

    public void Fail(string message)
    {
        Failed = true;
        Console.Error.WriteLine("ERROR: " + message);
    }
}
