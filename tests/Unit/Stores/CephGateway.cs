using System;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using MediaSync.Stores;
using MediaSync.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace MediaSync.Tests.Stores
{
    /// <summary>
    /// A real Ceph RADOS Gateway: the one named by MEDIASYNC_S3_ENDPOINT (with MEDIASYNC_S3_ACCESS_KEY/SECRET_KEY), or
    /// one started by scripts/ceph-rgw.sh. When neither works the tests that need it fail, with the script's output;
    /// they never skip. A gateway it started is stopped when the tests that use it are done, and the run says so; a
    /// named one is left as it was.
    /// </summary>
    public sealed class CephGateway : IDisposable
    {
        private readonly IMessageSink _messages;
        private readonly bool _startedHere;

        public CephGateway(IMessageSink messages)
        {
            _messages = messages;
            var endpoint = Environment.GetEnvironmentVariable("MEDIASYNC_S3_ENDPOINT");
            if (!string.IsNullOrEmpty(endpoint))
            {
                Endpoint = endpoint;
                AccessKey = Environment.GetEnvironmentVariable("MEDIASYNC_S3_ACCESS_KEY") ?? "";
                SecretKey = Environment.GetEnvironmentVariable("MEDIASYNC_S3_SECRET_KEY") ?? "";
                SwiftAuthUrl = Environment.GetEnvironmentVariable("MEDIASYNC_SWIFT_AUTH_URL");
                SwiftUser = Environment.GetEnvironmentVariable("MEDIASYNC_SWIFT_USER") ?? "";
                SwiftKey = Environment.GetEnvironmentVariable("MEDIASYNC_SWIFT_KEY") ?? "";
                Say($"Ceph RGW: using {Endpoint} from MEDIASYNC_S3_ENDPOINT; it is left running.");
                return;
            }
            var (exitCode, output) = Script("start");
            var found = Regex.Match(output, @"endpoint=(\S+) access=(\S+) secret=(\S+)( reused)?");
            if (exitCode != 0 || !found.Success)
            {
                Failure = $"Ceph RGW could not start (scripts/ceph-rgw.sh start, exit {exitCode}): {output}";
                return;
            }
            _startedHere = !found.Groups[4].Success;
            var swift = Regex.Match(output, @"swift=(\S+) user=(\S+) key=(\S+)");
            if (swift.Success) (SwiftAuthUrl, SwiftUser, SwiftKey) = (swift.Groups[1].Value, swift.Groups[2].Value, swift.Groups[3].Value);
            Endpoint = found.Groups[1].Value;
            AccessKey = found.Groups[2].Value;
            SecretKey = found.Groups[3].Value;
            Say(_startedHere
                ? $"Ceph RGW: started at {Endpoint} for this run; it is stopped when the S3 tests are done."
                : $"Ceph RGW: reusing the gateway already running at {Endpoint}; it is left running.");
        }

        public void Dispose()
        {
            if (!_startedHere) return;
            var (exitCode, output) = Script("stop");
            Say(exitCode == 0 ? "Ceph RGW: stopped the gateway this run started." : $"Ceph RGW: stopping failed (exit {exitCode}): {output}");
        }

        private void Say(string message) => _messages.OnMessage(new Xunit.Sdk.DiagnosticMessage(message));

        private static (int ExitCode, string Output) Script(string verb) => ServerScript.Run("ceph-rgw.sh", verb);

        public string? Endpoint { get; }
        public string AccessKey { get; } = "";
        public string SecretKey { get; } = "";
        public string? Failure { get; }

        /// <summary>The same gateway's Swift API (v1 auth), for the Swift store.</summary>
        public string? SwiftAuthUrl { get; }
        public string SwiftUser { get; } = "";
        public string SwiftKey { get; } = "";

        /// <summary>A Swift store on a fresh container, optionally under a prefix.</summary>
        public SwiftStore NewSwiftStore(string prefix = "", Action<SwiftStoreOptions>? configure = null)
        {
            Assert.True(Failure == null, Failure);
            Assert.True(SwiftAuthUrl != null, "The gateway printed no Swift line: scripts/ceph-rgw.sh enables swift and swift_auth.");
            var options = new SwiftStoreOptions
            {
                AuthUrl = SwiftAuthUrl, UserName = SwiftUser, Password = SwiftKey,
                Container = "mediasync-" + Guid.NewGuid().ToString("N").Substring(0, 16), Prefix = prefix,
            };
            configure?.Invoke(options);
            var store = new SwiftStore(options);
            store.EnsureContainer(publicRead: true);
            return store;
        }

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
                AccessKey = AccessKey,
                SecretKey = secretKey ?? SecretKey,
            };
        }
    }

    /// <summary>The tests on real servers: Ceph RGW, Keystone in front of its Swift API, and Azurite for Azure Blob.</summary>
    [CollectionDefinition("ceph")]
    public sealed class CephCollection : ICollectionFixture<CephGateway>, ICollectionFixture<AzuriteServer>, ICollectionFixture<KeystoneServer> { }
}
