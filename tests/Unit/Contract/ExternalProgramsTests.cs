using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MediaSync.Tests.Pester;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Contract
{
    /// <summary>
    /// The README's two commands are the whole set-up: every program a test starts is installed by the test run itself
    /// (a fixture's script) or named in the README's prerequisites table with its install command. The tests' sources
    /// are read for the programs they start: the C# tests (ProcessStartInfo, Process.Start, and helpers whose first
    /// parameter is the program), and every PowerShell script the tests run, parsed by PowerShell itself.
    /// </summary>
    public sealed class ExternalProgramsTests
    {
        /// <summary>Programs the test run installs itself when missing, and the script that does it.</summary>
        private static readonly Dictionary<string, string> InstalledByFixture = new Dictionary<string, string>
        {
            ["svn"] = "scripts/svn.sh",
            ["svnadmin"] = "scripts/svn.sh",
        };

        /// <summary>A helper that starts its first argument: Run(string program, …), Run(string tool, …), Run(string file, …).</summary>
        private static readonly Regex Launcher = new Regex(@"\b(\w+)\(\s*string (?:program|tool|file)\b");
        private static readonly Regex Started = new Regex(@"\b(?:ProcessStartInfo|Process\.Start)\(\s*""([^""]+)""");

        /// <summary>The programs each C# test file starts by name, with where.</summary>
        internal static IEnumerable<(string Program, string Where)> StartedByCSharp(string root)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "tests"), "*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
            {
                var text = File.ReadAllText(file);
                var patterns = new List<Regex> { Started };
                patterns.AddRange(Launcher.Matches(text).Select(m => m.Groups[1].Value).Distinct()
                    .Select(name => new Regex($@"\b{Regex.Escape(name)}\(\s*""([^""]+)""")));
                foreach (var pattern in patterns)
                    foreach (Match match in pattern.Matches(text))
                        // a program by absolute path (/bin/bash) is still that program
                        yield return (Path.GetFileName(match.Groups[1].Value), $"{Path.GetRelativePath(root, file)}:{text.Take(match.Index).Count(c => c == '\n') + 1}");
            }
        }

        /// <summary>The PowerShell the tests run: the Pester suite, the examples it runs, build.ps1 and the scripts it dot-sources, and the pipeline task's script.</summary>
        private static IEnumerable<string> PowerShellScripts(string root) =>
            Directory.EnumerateFiles(Path.Combine(root, "tests", "Pester"), "*.ps1")
                .Concat(Directory.EnumerateFiles(Path.Combine(root, "examples"), "*.ps1", SearchOption.AllDirectories))
                .Concat(Directory.EnumerateFiles(Path.Combine(root, "build"), "*.ps1"))
                .Append(Path.Combine(root, "build.ps1"))
                .Append(Path.Combine(root, "azure-devops", "MediaSyncTask", "run-mediasync.ps1"));

        /// <summary>Commands in those scripts that are neither cmdlets, functions nor aliases (with Pester and the module loaded), nor scripts by path.</summary>
        private static IEnumerable<(string Program, string Where)> StartedByPowerShell(string root)
        {
            const string Script = @"
param([string] $Pester, [string] $Module, [string] $List, [string] $Root)
Import-Module $Pester, $Module -ErrorAction Stop
$asts = foreach ($file in Get-Content $List) { [System.Management.Automation.Language.Parser]::ParseFile($file, [ref]$null, [ref]$null) }
$functions = @($asts | ForEach-Object { $_.FindAll({ $args[0] -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $true) } | ForEach-Object Name)
foreach ($ast in $asts) {
    foreach ($command in $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)) {
        $name = $command.GetCommandName()
        if (-not $name -or $name -match '[\\/]' -or $functions -contains $name) { continue }
        if (Get-Command $name -CommandType Cmdlet, Function, Alias -ErrorAction SilentlyContinue) { continue }
        ""PROGRAM`t$name`t"" + [IO.Path]::GetRelativePath($Root, $command.Extent.File) + ':' + $command.Extent.StartLineNumber
    }
}";
            using var tree = new TempTree();
            tree.Write("programs.ps1", Script);
            tree.Write("files.txt", string.Join("\n", PowerShellScripts(root)));
            var (exit, output) = PesterEnvironment.RunPwsh(new[]
            {
                "-NoProfile", "-NonInteractive", "-File", tree.PathOf("programs.ps1"), "-Pester", PesterEnvironment.PesterManifest(),
                "-Module", Path.Combine(RepoPaths.BuiltModule, "MediaSync.psd1"), "-List", tree.PathOf("files.txt"), "-Root", root,
            }, new Dictionary<string, string?>(), TimeSpan.FromMinutes(2));
            Assert.True(exit == 0, output);
            return output.Split('\n').Where(line => line.StartsWith("PROGRAM\t", StringComparison.Ordinal))
                .Select(line => line.Trim().Split('\t')).Select(parts => (parts[1], parts[2])).ToList();
        }

        /// <summary>The programs in the first column of the README's prerequisites table (under "On a fresh machine").</summary>
        internal static HashSet<string> ReadmePrerequisites(string root)
        {
            var readme = File.ReadAllText(Path.Combine(root, "README.md"));
            var start = readme.IndexOf("## On a fresh machine", StringComparison.Ordinal);
            Assert.True(start >= 0, "README.md has no 'On a fresh machine' section");
            var section = readme.Substring(start, readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal) - start);
            var rows = section.Split('\n').Where(line => line.StartsWith("| `", StringComparison.Ordinal));
            return new HashSet<string>(rows.SelectMany(row => Regex.Matches(row.Split('|')[1], "`([^`]+)`").Select(m => m.Groups[1].Value)));
        }

        /// <summary>Both scans, once for the tests here (pwsh with the module loaded takes seconds).</summary>
        private static readonly Lazy<List<(string Program, string Where)>> Scanned =
            new Lazy<List<(string, string)>>(() => StartedByCSharp(RepoPaths.Root).Concat(StartedByPowerShell(RepoPaths.Root)).ToList());

        [Fact]
        public void Every_program_a_test_starts_is_installed_by_a_fixture_or_a_readme_prerequisite()
        {
            var root = RepoPaths.Root;
            var prerequisites = ReadmePrerequisites(root);
            var unaccounted = Scanned.Value.Where(s => !prerequisites.Contains(s.Program) && !InstalledByFixture.ContainsKey(s.Program))
                .Select(s => $"{s.Program} ({s.Where})").ToList();
            Assert.True(unaccounted.Count == 0,
                "These programs are started by tests but neither installed by a fixture (InstalledByFixture here) nor named in README.md's prerequisites table: "
                + string.Join(", ", unaccounted));
        }

        [Fact]
        public void The_scan_finds_the_programs_the_tests_are_known_to_start()
        {
            // the check above is only as good as its scan: these starts are there today, through each way of starting
            var started = Scanned.Value.Select(s => s.Program + " " + s.Where.Split(':')[0].Replace('\\', '/')).ToList();

            Assert.Contains("svnadmin tests/Unit/Discovery/SvnChangedSinceTests.cs", started);    // a helper's first argument
            Assert.Contains("git tests/Unit/Discovery/ChangedSinceTests.cs", started);           // ProcessStartInfo
            Assert.Contains("mkfifo tests/Unit/Publishing/InterruptedPublishTests.cs", started); // Process.Start(new ProcessStartInfo
            Assert.Contains("curl examples/stores/ftp-store.ps1", started);                      // a script a Pester test runs
            Assert.Contains("node tests/Pester/Invoke-MediaProcessor.Tests.ps1", started);       // & node in a Pester test
            Assert.DoesNotContain(started, s => s.StartsWith("publish ", StringComparison.Ordinal)); // CliTests' Run(params string[]) takes mediasync's arguments
        }

        [Fact]
        public void Each_fixture_script_installs_the_programs_it_is_listed_for()
        {
            foreach (var (program, script) in InstalledByFixture)
            {
                var text = File.ReadAllText(Path.Combine(RepoPaths.Root, script));
                Assert.Contains("apt-get install", text);
                Assert.Contains("command -v " + program, text);
            }
        }
    }
}
