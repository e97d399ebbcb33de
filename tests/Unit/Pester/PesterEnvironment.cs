using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using MediaSync.Tests.Support;

namespace MediaSync.Tests.Pester
{
    /// <summary>
    /// pwsh and Pester for the Pester suite. pwsh is the local tool pinned in .config/dotnet-tools.json (restored by the
    /// test project's build) unless MEDIASYNC_PWSH names another; Pester is the package restore downloaded unless
    /// MEDIASYNC_PESTER names another Pester.psd1. A missing one fails the suite with the reason; it never skips.
    /// </summary>
    public static class PesterEnvironment
    {
        /// <summary>The program to start and the arguments that come before pwsh's own.</summary>
        public static (string File, string[] Prefix) Pwsh()
        {
            var configured = Environment.GetEnvironmentVariable("MEDIASYNC_PWSH");
            if (!string.IsNullOrEmpty(configured))
            {
                if (!File.Exists(configured)) throw new FileNotFoundException($"MEDIASYNC_PWSH names {configured}, which does not exist.");
                return (configured, Array.Empty<string>());
            }
            // `dotnet pwsh` from the repository root runs the pinned local tool.
            return ("dotnet", new[] { "pwsh" });
        }

        /// <summary>
        /// A folder holding a pwsh executable, for programs that look for pwsh on PATH (the pipeline task): the one
        /// MEDIASYNC_PWSH names, else the pinned local tool's own package folder.
        /// </summary>
        public static string PwshFolder()
        {
            var configured = Environment.GetEnvironmentVariable("MEDIASYNC_PWSH");
            if (!string.IsNullOrEmpty(configured)) return Path.GetDirectoryName(configured)!;
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var folder = Path.Combine(packages, "powershell", "7.6.9", "tools", "net10.0", "any", OperatingSystem.IsWindows() ? "win" : "unix");
            if (!File.Exists(Path.Combine(folder, OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh")))
                throw new FileNotFoundException($"No pwsh in {folder}: run `dotnet tool restore` (PowerShell 7.6.9 is pinned in .config/dotnet-tools.json).");
            return folder;
        }

        public static string PesterManifest()
        {
            var configured = Environment.GetEnvironmentVariable("MEDIASYNC_PESTER");
            var path = string.IsNullOrEmpty(configured) ? RepoPaths.RestoredPester : configured;
            if (!File.Exists(path))
                throw new FileNotFoundException($"Pester is not at {path}: restore the test project (it downloads Pester), or set MEDIASYNC_PESTER to a Pester.psd1.");
            return path;
        }

        /// <summary>Runs pwsh with <paramref name="arguments"/> in the repository root, with extra environment variables.</summary>
        public static (int ExitCode, string Output) RunPwsh(IEnumerable<string> arguments, IDictionary<string, string?> environment, TimeSpan timeout)
        {
            var (file, prefix) = Pwsh();
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepoPaths.Root };
            foreach (var argument in prefix) start.ArgumentList.Add(argument);
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            foreach (var (name, value) in environment) start.Environment[name] = value;
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                return (-1, stdout.Result + stderr.Result + $"\n(timed out after {timeout.TotalSeconds} s)");
            }
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
