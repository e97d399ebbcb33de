using System;
using System.Diagnostics;
using System.IO;

namespace MediaSync.Tests.Support
{
    /// <summary>Runs one of scripts/*.sh that start and stop the real servers the tests use (Ceph RGW, Azurite).</summary>
    public static class ServerScript
    {
        public static (int ExitCode, string Output) Run(string script, string verb) => Bash(Path.Combine(RepoPaths.Root, "scripts", script), verb);

        /// <summary>bash with these arguments in the repository's root; the output is stdout then stderr.</summary>
        public static (int ExitCode, string Output) Bash(params string[] arguments)
        {
            var start = new ProcessStartInfo("bash")
                { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepoPaths.Root };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output + stderr.Result);
        }
    }
}
