using System;
using System.Text.RegularExpressions;
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
    public sealed class AzuriteServer : IDisposable
    {
        private readonly IMessageSink _messages;
        private readonly bool _startedHere;

        public AzuriteServer(IMessageSink messages)
        {
            _messages = messages;
            var named = Environment.GetEnvironmentVariable("MEDIASYNC_AZURE_CONNECTION_STRING");
            if (!string.IsNullOrEmpty(named))
            {
                ConnectionString = named;
                Say("Azurite: using MEDIASYNC_AZURE_CONNECTION_STRING; it is left running.");
                return;
            }
            var (exitCode, output) = ServerScript.Run("azurite.sh", "start");
            var found = Regex.Match(output, @"endpoint=(\S+) account=(\S+) key=(\S+)( reused)?");
            if (exitCode != 0 || !found.Success)
            {
                Failure = $"Azurite could not start (scripts/azurite.sh start, exit {exitCode}): {output}";
                return;
            }
            _startedHere = !found.Groups[4].Success;
            Endpoint = found.Groups[1].Value;
            ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={found.Groups[2].Value};AccountKey={found.Groups[3].Value};BlobEndpoint={Endpoint};";
            Say(_startedHere ? $"Azurite: started at {Endpoint} for this run; it is stopped when the tests are done."
                : $"Azurite: reusing the one already running at {Endpoint}; it is left running.");
        }

        public void Dispose()
        {
            if (!_startedHere) return;
            var (exitCode, output) = ServerScript.Run("azurite.sh", "stop");
            Say(exitCode == 0 ? "Azurite: stopped the one this run started." : $"Azurite: stopping failed (exit {exitCode}): {output}");
        }

        private void Say(string message) => _messages.OnMessage(new Xunit.Sdk.DiagnosticMessage(message));

        public string? Endpoint { get; }
        public string ConnectionString { get; } = "";
        public string? Failure { get; }

        /// <summary>A store on a fresh container, optionally under a prefix.</summary>
        public AzureBlobStore NewStore(string prefix = "", Action<AzureBlobStoreOptions>? configure = null)
        {
            Assert.True(Failure == null, Failure);
            var options = new AzureBlobStoreOptions { Container = "mediasync-" + Guid.NewGuid().ToString("N").Substring(0, 16), Prefix = prefix, ConnectionString = ConnectionString };
            configure?.Invoke(options);
            var store = new AzureBlobStore(options);
            store.EnsureContainer(publicBlobs: true);
            return store;
        }
    }
}
