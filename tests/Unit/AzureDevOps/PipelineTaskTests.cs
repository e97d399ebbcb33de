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
    }
}
