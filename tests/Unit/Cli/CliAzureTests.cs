using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MediaSync.Stores;
using MediaSync.Tests.Stores;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Cli
{
    /// <summary>The command line publishing to Azurite with a SAS URL that never appears on the command line.</summary>
    [Collection("ceph")]
    public sealed class CliAzureTests : IDisposable
    {
        private readonly AzuriteServer _azurite;
        private readonly TempTree _tree = new TempTree();

        public CliAzureTests(AzuriteServer azurite)
        {
            _azurite = azurite;
            _tree.Write("src/css/site.css", "body { margin: 0 }\n");
        }

        public void Dispose() => _tree.Dispose();

        [Fact]
        public void A_sas_url_in_MEDIASYNC_AZURE_SAS_URL_publishes_and_stays_out_of_the_arguments()
        {
            var owner = _azurite.NewStore();
            var container = owner.Name.Split('/')[3];
            var sas = new Azure.Storage.Blobs.BlobContainerClient(_azurite.ConnectionString, container)
                .GenerateSasUri(Azure.Storage.Sas.BlobContainerSasPermissions.All, DateTimeOffset.UtcNow.AddHours(1)).AbsoluteUri;
            var arguments = new[] { "publish", _tree.PathOf("src"), "--azure", container };
            // the connection string variable is taken away, so the SAS URL is the only way in
            var environment = new Dictionary<string, string?> { ["MEDIASYNC_AZURE_SAS_URL"] = sas, ["AZURE_STORAGE_CONNECTION_STRING"] = null };

            var (code, output) = CliTests.Run(environment, arguments);

            Assert.True(code == 0, output);
            Assert.Matches(@"Created\s+New\s+css/site.css", output);
            Assert.Equal(new[] { "css/site.css" }, owner.List(CancellationToken.None).Select(o => o.Key));
            Assert.DoesNotContain(arguments, a => a.Contains("sig=", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain("sig=", output, StringComparison.OrdinalIgnoreCase);
            // without the variable the same command line has no way in
            environment["MEDIASYNC_AZURE_SAS_URL"] = null;
            var without = CliTests.Run(environment, arguments);
            Assert.Equal(2, without.Code);
            Assert.Contains("[MediaSync.ConflictingArguments]", without.Output);
        }
    }
}
