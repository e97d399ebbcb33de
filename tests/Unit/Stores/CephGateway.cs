using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using MediaSync.Stores;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Stores
{
    /// <summary>
    /// A real Ceph RADOS Gateway: the one named by MEDIASYNC_S3_ENDPOINT (with MEDIASYNC_S3_ACCESS_KEY/SECRET_KEY), or
    /// one started by scripts/ceph-rgw.sh. When neither works the tests that need it fail, with the script's output;
    /// they never skip.
    /// </summary>
    public sealed class CephGateway
    {
        public CephGateway()
        {
            var endpoint = Environment.GetEnvironmentVariable("MEDIASYNC_S3_ENDPOINT");
            if (!string.IsNullOrEmpty(endpoint))
            {
                Endpoint = endpoint;
                AccessKey = Environment.GetEnvironmentVariable("MEDIASYNC_S3_ACCESS_KEY") ?? "";
                SecretKey = Environment.GetEnvironmentVariable("MEDIASYNC_S3_SECRET_KEY") ?? "";
                return;
            }
            var script = Path.Combine(RepoPaths.Root, "scripts", "ceph-rgw.sh");
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add("start");
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var found = Regex.Match(output, @"endpoint=(\S+) access=(\S+) secret=(\S+)");
            if (process.ExitCode != 0 || !found.Success)
            {
                Failure = $"Ceph RGW could not start ({script} start, exit {process.ExitCode}): {output} {stderr.Result}";
                return;
            }
            Endpoint = found.Groups[1].Value;
            AccessKey = found.Groups[2].Value;
            SecretKey = found.Groups[3].Value;
        }

        public string? Endpoint { get; }
        public string AccessKey { get; } = "";
        public string SecretKey { get; } = "";
        public string? Failure { get; }

        /// <summary>A second client on the same bucket, as another writer would be (it keeps no MediaSync state).</summary>
        public S3Store Reopen(S3Store store) => new S3Store(Options(store.Name.Substring("s3://".Length).Split('/')[0]));

        /// <summary>A store on a fresh bucket, optionally under a prefix; <paramref name="configure"/> may change its options.</summary>
        public S3Store NewStore(string prefix = "", string? secretKey = null, Action<S3StoreOptions>? configure = null)
        {
            var options = Options("mediasync-" + Guid.NewGuid().ToString("N").Substring(0, 16), secretKey);
            options.Prefix = prefix;
            configure?.Invoke(options);
            var store = new S3Store(options);
            if (secretKey == null)
                using (var owner = new S3Store(Options(options.Bucket))) owner.EnsureBucket();
            return store;
        }

        /// <summary>Options for a direct connection to the gateway.</summary>
        public S3StoreOptions Options(string bucket, string? secretKey = null)
        {
            Assert.True(Failure == null, Failure);
            return new S3StoreOptions
            {
                Bucket = bucket,
                EndpointUrl = Endpoint,
                ForcePathStyle = true,
                Credentials = new BasicAWSCredentials(AccessKey, secretKey ?? SecretKey),
            };
        }
    }

    [CollectionDefinition("ceph")]
    public sealed class CephCollection : ICollectionFixture<CephGateway> { }
}
