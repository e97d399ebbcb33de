using System;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using MediaSync.Stores;
using MediaSync.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace MediaSync.Tests.Stores
{
    /// <summary>
    /// A real Azurite blob service: the one named by MEDIASYNC_AZURE_CONNECTION_STRING, or one started by
    /// scripts/azurite.sh. When neither works the tests that need it fail, with the script's output; they never
    /// skip. One it started is stopped when the tests are done, and the run says so.
    /// </summary>
    public sealed class AzuriteServer : ScriptedServer
    {
        public AzuriteServer(IMessageSink messages) : base(messages, "Azurite", "azurite.sh")
        {
            var named = Environment.GetEnvironmentVariable("MEDIASYNC_AZURE_CONNECTION_STRING");
            if (!string.IsNullOrEmpty(named))
            {
                ConnectionString = named;
                // the tests that put a proxy in front of Azurite need its endpoint
                Endpoint = System.Text.RegularExpressions.Regex.Match(named, "BlobEndpoint=([^;]+)") is { Success: true } blob ? blob.Groups[1].Value.TrimEnd('/') : null;
                _named = true;
                Say("Azurite: using MEDIASYNC_AZURE_CONNECTION_STRING; it is left running.");
                return;
            }
            var found = Start(@"endpoint=(\S+) account=(\S+) key=(\S+)(?<reused> reused)?");
            if (found == null) return;
            Endpoint = found.Groups[1].Value;
            ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={found.Groups[2].Value};AccountKey={found.Groups[3].Value};BlobEndpoint={Endpoint};";
            SayStarted(Endpoint);
            var down = Unreachable();
            if (down != null) SetFailure(down);
        }

        private readonly bool _named;

        public string? Endpoint { get; }
        public string ConnectionString { get; } = "";

        /// <summary>
        /// Null while Azurite accepts connections; otherwise why not, with the end of its log and whether its process
        /// lives, so that a server that died in a run says so instead of failing each test with "connection refused".
        /// </summary>
        public string? Unreachable()
        {
            if (Endpoint == null || _named) return null;  // named by the environment: its owner answers for it
            var uri = new Uri(Endpoint);
            try
            {
                using var client = new TcpClient();
                if (client.ConnectAsync(uri.Host, uri.Port).Wait(TimeSpan.FromSeconds(5))) return null;
            }
            catch (AggregateException) { }
            var folder = Environment.GetEnvironmentVariable("MEDIASYNC_AZURITE_DIR") is { Length: > 0 } set ? set : "/tmp/mediasync-azurite";
            var pidFile = Path.Combine(folder, "azurite.pid");
            var pid = File.Exists(pidFile) ? File.ReadAllText(pidFile).Trim() : "(no PID file)";
            var alive = File.Exists($"/proc/{pid}/cmdline") ? "alive" : "gone";
            var log = Path.Combine(folder, "azurite.log");
            var tail = File.Exists(log) ? string.Join("\n", File.ReadAllLines(log).TakeLast(30)) : "(no log)";
            return $"Azurite at {Endpoint} does not accept connections; its process {pid} is {alive}. The end of {log}:\n{tail}";
        }

        /// <summary>A store on a fresh container, optionally under a prefix.</summary>
        public AzureBlobStore NewStore(string prefix = "", Action<AzureBlobStoreOptions>? configure = null)
        {
            Assert.True(Failure == null, Failure);
            var down = Unreachable();
            Assert.True(down == null, down);
            var options = new AzureBlobStoreOptions { Container = "mediasync-" + Guid.NewGuid().ToString("N").Substring(0, 16), Prefix = prefix, ConnectionString = ConnectionString };
            configure?.Invoke(options);
            var store = new AzureBlobStore(options);
            store.EnsureContainer(publicBlobs: true);
            return store;
        }
    }
}
