using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Scripts
{
    /// <summary>
    /// The README's two commands are the whole set-up, and CI proves it: .ci/run installs only the README's
    /// prerequisites table (scripts/prerequisites.sh reads it) and then runs the README's two commands as written.
    /// </summary>
    public sealed class PrerequisitesTests : IDisposable
    {
        private readonly TempTree _tree = new TempTree();

        public void Dispose() => _tree.Dispose();

        /// <summary>scripts/prerequisites.sh check on a PATH of everything on this one but <paramref name="hidden"/>.</summary>
        private (int ExitCode, string Output) CheckWithout(params string[] hidden)
        {
            var bin = _tree.PathOf("bin");
            Directory.CreateDirectory(bin);
            foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Where(Directory.Exists))
                foreach (var program in Directory.EnumerateFiles(folder))
                {
                    var name = Path.GetFileName(program);
                    if (!hidden.Contains(name) && !File.Exists(Path.Combine(bin, name))) File.CreateSymbolicLink(Path.Combine(bin, name), program);
                }
            var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepoPaths.Root };
            start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "scripts", "prerequisites.sh"));
            start.ArgumentList.Add("check");
            start.Environment["PATH"] = bin;
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output + stderr.Result);
        }

        [Fact]
        public void A_missing_prerequisite_is_installed_with_the_readmes_own_command()
        {
            var (code, output) = CheckWithout("node", "npm", "curl");

            Assert.True(code == 0, output);
            Assert.Contains("would install node npm: apt-get install -y nodejs npm", output);
            Assert.Contains("would install curl: apt-get install -y curl", output);
            Assert.Contains("have: git", output);
        }

        [Fact]
        public void A_missing_prerequisite_the_readme_has_no_command_for_fails_with_the_readmes_words()
        {
            var (code, output) = CheckWithout("dotnet");

            Assert.Equal(1, code);
            Assert.Contains("missing: dotnet, which the README says to install as: the .NET 10 SDK", output);
        }

        [Fact]
        public void Ci_installs_only_through_the_readme_and_runs_the_readmes_two_commands_as_written()
        {
            var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
            var section = readme.Substring(readme.IndexOf("## On a fresh machine", StringComparison.Ordinal));
            var block = section.Substring(section.IndexOf("```bash\n", StringComparison.Ordinal) + 8);
            var commands = block.Substring(0, block.IndexOf("```", StringComparison.Ordinal)).Split('\n')
                .Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith("#", StringComparison.Ordinal)).ToList();
            var ci = File.ReadAllLines(Path.Combine(RepoPaths.Root, ".ci", "run")).Select(line => line.Trim()).ToList();

            Assert.Equal(new[] { "dotnet tool restore && dotnet pwsh -NoProfile -File build.ps1 -Task Demo", "dotnet test" }, commands);
            foreach (var command in commands)
                Assert.Contains(ci, line => line == command || line.StartsWith(command + " 2>&1 | tee ", StringComparison.Ordinal));
            Assert.Contains("bash scripts/prerequisites.sh install", ci);
            // nothing installed behind the README's back, no server started ahead of the tests' own fixtures
            Assert.DoesNotContain(ci, line => !line.StartsWith("#", StringComparison.Ordinal) && (line.Contains("apt-get") || line.Contains("npm install")));
            Assert.DoesNotContain(ci, line => !line.StartsWith("#", StringComparison.Ordinal) && Regex.IsMatch(line, @"scripts/(ceph-rgw|keystone|azurite|ftp-server|svn)\.sh"));
        }
    }
}
