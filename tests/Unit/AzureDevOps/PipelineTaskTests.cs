using System;
using System.Diagnostics;
using System.IO;
using MediaSync.Tests.Pester;
using MediaSync.Tests.Stores;
using MediaSync.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace MediaSync.Tests.AzureDevOps
{
    /// <summary>
    /// The Azure Pipelines task's own tests, under node: the L0 tests (the mock runner) and the real handler with the
    /// built module, into a folder and into S3 on Ceph. They run here so that `dotnet test` runs them every time.
    /// </summary>
    [Collection("ceph")]
    public sealed class PipelineTaskTests
    {
        private readonly CephGateway _ceph;
        private readonly ITestOutputHelper _output;

        public PipelineTaskTests(CephGateway ceph, ITestOutputHelper output)
        {
            _ceph = ceph;
            _output = output;
        }

        private static string TaskFolder => Path.Combine(RepoPaths.Root, "azure-devops", "MediaSyncTask");

        private (int Exit, string Output) Run(string program, params string[] arguments)
        {
            var start = new ProcessStartInfo(program) { WorkingDirectory = TaskFolder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            start.Environment["MEDIASYNC_TASK_MODULE"] = Path.Combine(RepoPaths.BuiltModule, "MediaSync.psd1");
            start.Environment["MEDIASYNC_PWSH_DIR"] = PesterEnvironment.PwshFolder();
            start.Environment["MEDIASYNC_S3_ENDPOINT"] = _ceph.Endpoint;
            start.Environment["MEDIASYNC_S3_ACCESS_KEY"] = _ceph.AccessKey;
            start.Environment["MEDIASYNC_S3_SECRET_KEY"] = _ceph.SecretKey;
            return Exec(start);
        }

        private static (int Exit, string Output) Exec(ProcessStartInfo start)
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output + error.Result);
        }

        [Fact]
        public void The_L0_tests_and_the_real_handler_tests_pass()
        {
            Assert.True(_ceph.Failure == null, _ceph.Failure);
            // azure-pipelines-task-lib, pinned in package-lock.json
            if (!Directory.Exists(Path.Combine(TaskFolder, "node_modules", "azure-pipelines-task-lib")))
            {
                var (installed, log) = Run("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
                Assert.True(installed == 0, "npm ci failed: " + log);
            }
            var (exit, output) = Run("node", "--test", "tests/");
            _output.WriteLine(output);
            Assert.True(exit == 0, output);
            Assert.Contains("# fail 0", output);
        }

        [Fact]
        public void The_extension_packs_the_task_with_the_built_module_and_the_modules_version()
        {
            var (file, prefix) = PesterEnvironment.Pwsh();
            var start = new ProcessStartInfo(file) { WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in prefix) start.ArgumentList.Add(argument);
            foreach (var argument in new[] { "-NoProfile", "-NonInteractive", "-File", Path.Combine(RepoPaths.Root, "build.ps1"), "-Task", "Extension" }) start.ArgumentList.Add(argument);
            var (exit, output) = Exec(start);
            Assert.True(exit == 0, output);
            var vsix = Path.Combine(RepoPaths.Root, "out", "mediasync.mediasync-0.1.0.vsix");
            using var archive = System.IO.Compression.ZipFile.OpenRead(vsix);
            var names = System.Linq.Enumerable.ToList(System.Linq.Enumerable.Select(archive.Entries, e => e.FullName));
            Assert.Contains("MediaSyncTask/module/MediaSync/MediaSync.psd1", names);
            Assert.Contains("MediaSyncTask/node_modules/azure-pipelines-task-lib/task.js", names);
            Assert.DoesNotContain(names, n => n.StartsWith("MediaSyncTask/tests/", StringComparison.Ordinal));
            using var taskJson = System.Text.Json.JsonDocument.Parse(archive.GetEntry("MediaSyncTask/task.json")!.Open());
            var version = taskJson.RootElement.GetProperty("version");
            Assert.Equal("0.1.0", $"{version.GetProperty("Major").GetInt32()}.{version.GetProperty("Minor").GetInt32()}.{version.GetProperty("Patch").GetInt32()}");
        }
    }
}
