using System.Collections.Generic;
using System.Diagnostics;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Cli
{
    /// <summary>Runs the mediasync CLI as a build agent would: the built one with dotnet, or an installed executable.</summary>
    public static class CliProcess
    {
        /// <summary>The CLI the build made (src/MediaSync.Cli), run with dotnet in <paramref name="workingDirectory"/>.</summary>
        public static (int Code, string Output) Run(string? workingDirectory, params string[] arguments) =>
            Start("dotnet", workingDirectory, new[] { RepoPaths.Cli }, arguments);

        /// <summary><paramref name="program"/> with <paramref name="prefix"/> and then <paramref name="arguments"/>; stdout then stderr.</summary>
        public static (int Code, string Output) Start(string program, string? workingDirectory, IEnumerable<string> prefix, IEnumerable<string> arguments,
            IDictionary<string, string>? environment = null)
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
            if (workingDirectory != null) start.WorkingDirectory = workingDirectory;
            foreach (var argument in prefix) start.ArgumentList.Add(argument);
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(180_000), "mediasync did not finish");
            return (process.ExitCode, output + stderr.Result);
        }
    }
}
