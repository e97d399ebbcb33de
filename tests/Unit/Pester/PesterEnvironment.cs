using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;

namespace MediaSync.Tests.Pester
{
    /// <summary>
    /// Finds pwsh (MEDIASYNC_PWSH, then PATH) and Pester 5 (MEDIASYNC_PESTER, then PSModulePath and pwsh's
    /// default module folders, then pwsh itself). When either is missing the Pester suite is skipped, by name,
    /// with the reason.
    /// </summary>
    public static class PesterEnvironment
    {
        private static readonly Lazy<(string? Pwsh, string? Pester, string? Missing)> Found = new Lazy<(string?, string?, string?)>(Find);

        public static string? Pwsh => Found.Value.Pwsh;
        public static string? PesterManifest => Found.Value.Pester;
        public static string? MissingReason => Found.Value.Missing;

        private static (string?, string?, string?) Find()
        {
            var pwsh = FindPwsh();
            if (pwsh == null)
                return (null, null, "Pester suite skipped: pwsh was not found (set MEDIASYNC_PWSH or put pwsh on PATH).");
            var pester = FindPester(pwsh);
            if (pester == null)
                return (pwsh, null, $"Pester suite skipped: Pester 5 was not found for {pwsh} (set MEDIASYNC_PESTER to Pester.psd1, or install Pester 5 into PSModulePath).");
            return (pwsh, pester, null);
        }

        private static string? FindPwsh()
        {
            var configured = Environment.GetEnvironmentVariable("MEDIASYNC_PWSH");
            if (!string.IsNullOrEmpty(configured)) return File.Exists(configured) ? configured : null;
            var names = OperatingSystem.IsWindows() ? new[] { "pwsh.exe" } : new[] { "pwsh" };
            return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .SelectMany(dir => names.Select(n => Path.Combine(dir, n))).FirstOrDefault(File.Exists);
        }

        private static string? FindPester(string pwsh)
        {
            var configured = Environment.GetEnvironmentVariable("MEDIASYNC_PESTER");
            if (!string.IsNullOrEmpty(configured)) return File.Exists(configured) ? configured : null;
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var folders = (Environment.GetEnvironmentVariable("PSModulePath") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Concat(new[]
                {
                    Path.Combine(home, ".local", "share", "powershell", "Modules"),
                    "/usr/local/share/powershell/Modules",
                    Path.Combine(Path.GetDirectoryName(Path.GetFullPath(pwsh))!, "Modules"),
                });
            var candidates = new List<(Version Version, string Path)>();
            foreach (var folder in folders.Select(f => Path.Combine(f, "Pester")).Where(Directory.Exists))
                foreach (var versionFolder in Directory.GetDirectories(folder))
                    if (Version.TryParse(Path.GetFileName(versionFolder), out var version) && version.Major >= 5 && File.Exists(Path.Combine(versionFolder, "Pester.psd1")))
                        candidates.Add((version, Path.Combine(versionFolder, "Pester.psd1")));
            if (candidates.Count > 0) return candidates.OrderByDescending(c => c.Version).First().Path;
            return AskPwsh(pwsh);
        }

        private static string? AskPwsh(string pwsh)
        {
            var (exitCode, output) = Run(pwsh, "-NoProfile -NonInteractive -Command \"(Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0' | Sort-Object Version -Descending | Select-Object -First 1).Path\"", TimeSpan.FromSeconds(60));
            var path = output.Trim();
            return exitCode == 0 && path.Length > 0 && File.Exists(path) ? path : null;
        }

        public static (int ExitCode, string Output) Run(string file, string arguments, TimeSpan timeout)
        {
            var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
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

    /// <summary>A fact that is skipped, with the reason, when pwsh or Pester 5 is missing.</summary>
    public sealed class PesterFactAttribute : FactAttribute
    {
        public PesterFactAttribute()
        {
            if (PesterEnvironment.MissingReason != null) Skip = PesterEnvironment.MissingReason;
        }
    }
}
