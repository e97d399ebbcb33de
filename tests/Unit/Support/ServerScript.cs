using System;
using System.Diagnostics;
using System.IO;

namespace MediaSync.Tests.Support
{
    /// <summary>Runs one of scripts/*.sh that start and stop the real servers the tests use (Ceph RGW, Azurite).</summary>
    public static class ServerScript
    {
        public static (int ExitCode, string Output) Run(string script, string verb)
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "scripts", script));
            start.ArgumentList.Add(verb);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output + stderr.Result);
        }
    }
}
