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
    public sealed class AzuriteServer : ScriptedServer
    {
        public AzuriteServer(IMessageSink messages) : base(messages, "Azurite", "azurite.sh")
        {
            var named = Environment.GetEnvironmentVariable("MEDIASYNC_AZURE_CONNECTION_STRING");
            if (!string.IsNullOrEmpty(named))
            {
                ConnectionString = named;
                Say("Azurite: using MEDIASYNC_AZURE_CONNECTION_STRING; it is left running.");
                return;
            }
            var found = Start(@"endpoint=(\S+) account=(\S+) key=(\S+)(?<reused> reused)?");
            if (found == null) return;
            Endpoint = found.Groups[1].Value;
            ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={found.Groups[2].Value};AccountKey={found.Groups[3].Value};BlobEndpoint={Endpoint};";
            SayStarted(Endpoint);
        }

        public string? Endpoint { get; }
        public string ConnectionString { get; } = "";

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
