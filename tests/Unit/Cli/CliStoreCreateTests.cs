using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using MediaSync.Stores;
using MediaSync.Tests.Stores;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Cli
{
    /// <summary>The command line's --create on Ceph: a missing bucket is named with --create, and --create makes it.</summary>
    [Collection("ceph")]
    public sealed class CliStoreCreateTests : IDisposable
    {
        private readonly CephGateway _ceph;
        private readonly TempTree _tree = new TempTree();

        public CliStoreCreateTests(CephGateway ceph)
        {
            _ceph = ceph;
            _tree.Write("src/css/site.css", "body{}");
            _tree.Write("src/index.html", "<p>");
        }

        public void Dispose() => _tree.Dispose();

        private (int Code, string Output) Run(params string[] arguments)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(RepoPaths.Cli);
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            start.Environment["AWS_ACCESS_KEY_ID"] = _ceph.AccessKey;
            start.Environment["AWS_SECRET_ACCESS_KEY"] = _ceph.SecretKey;
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(120_000), "mediasync did not finish");
            return (process.ExitCode, output + stderr.Result);
        }

        [Fact]
        public void A_missing_bucket_names_create_and_create_makes_it_before_the_first_write()
        {
            Assert.True(_ceph.Failure == null, _ceph.Failure);
            var bucket = "mediasync-cli-" + Guid.NewGuid().ToString("N").Substring(0, 12);
            string[] Publish(params string[] more) =>
                new[] { "publish", _tree.PathOf("src"), "--s3", bucket, "--s3-endpoint", _ceph.Endpoint!, "--path-style" }.Concat(more).ToArray();

            var (code, output) = Run(Publish());
            Assert.Equal(2, code);
            Assert.Contains("ERROR [MediaSync.StoreListFailed]", output);
            Assert.Contains("add --create to create it (private)", output);
            Assert.DoesNotContain("-Create", output);

            var created = Run(Publish("--create"));
            Assert.True(created.Code == 0, created.Output);
            using var store = new S3Store(_ceph.Options(bucket));
            Assert.Equal(new[] { "css/site.css", "index.html" }, store.List(CancellationToken.None).Select(o => o.Key));
        }
    }
}
