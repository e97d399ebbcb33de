using System;
using System.Linq;
using MediaSync.Publishing;
using MediaSync.Reporting;
using MediaSync.Stores;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Stores
{
    /// <summary>
    /// A SAS signature that a server or proxy echoes back in an error never reaches an error: not its message, its
    /// target, nor any exception in its chain.
    /// </summary>
    public sealed class SecretRedactionTests : IDisposable
    {
        // what the echo would show: the signature as sent (URL-encoded) and its parts
        private const string Signature = "Kq7secretSIGNATURE0x%2Bq%2FZ%3D";
        private static readonly string[] Leaks = { "Kq7secretSIGNATURE0x", "secretSIGNATURE" };
        private readonly TempTree _tree = new TempTree();

        public SecretRedactionTests() => _tree.Write("media/css/site.css", "body { margin: 0 }");

        public void Dispose() => _tree.Dispose();

        /// <summary>Every text an error record shows: message, action, target, and the exception chain as ToString prints it.</summary>
        private static void AssertRedacted(MediaSyncError error)
        {
            var everything = string.Join("\n", error.Message, error.RecommendedAction, error.Target, new MediaSyncException(error).ToString(),
                error.Exception?.ToString(), error.Exception?.InnerException?.Message);
            foreach (var leak in Leaks) Assert.DoesNotContain(leak, everything, StringComparison.OrdinalIgnoreCase);
            // the server did echo the URL, and what it said is still there, with the signature taken out
            Assert.Contains("sig=REDACTED", everything);
        }

        private AzureBlobStore StoreAt(EchoingBlobServer server) =>
            new AzureBlobStore(new AzureBlobStoreOptions { SasUrl = server.SasUrl("site", Signature), MaxRetries = 0 });

        [Fact]
        public void A_signature_echoed_in_a_refused_listing_is_redacted_from_the_terminating_error()
        {
            using var server = new EchoingBlobServer(listingWorks: false);
            var host = new RecordingHost();

            var error = Assert.Throws<MediaSyncException>(() => Publisher.Publish(new PublishRequest(), TestMedia.Discover(_tree.PathOf("media")), StoreAt(server), host).ToList()).Error;

            Assert.Equal("MediaSync.StoreListFailed", error.Id);
            Assert.Contains("AuthenticationFailed", error.Message);
            AssertRedacted(error);
            Assert.Contains(server.Requests, r => r.Contains("sig=Kq7secretSIGNATURE0x"));   // the signature was sent, so it could be echoed
        }

        [Fact]
        public void A_signature_echoed_in_a_refused_upload_is_redacted_from_the_files_error()
        {
            using var server = new EchoingBlobServer(listingWorks: true);
            var host = new RecordingHost();

            var results = Publisher.Publish(new PublishRequest(), TestMedia.Discover(_tree.PathOf("media")), StoreAt(server), host).ToList();

            Assert.Equal(PublishAction.Failed, Assert.Single(results).Action);
            var error = host.Errors.Single(e => e.Id == "MediaSync.StoreWriteFailed");
            Assert.Equal("css/site.css", error.Target);
            AssertRedacted(error);
            Assert.All(host.Errors, AssertNoLeak);
            Assert.All(host.Warnings, w => Assert.DoesNotContain("secretSIGNATURE", w, StringComparison.OrdinalIgnoreCase));
        }

        private static void AssertNoLeak(MediaSyncError error) =>
            Assert.DoesNotContain("secretSIGNATURE", error.Message + error.Target + new MediaSyncException(error), StringComparison.OrdinalIgnoreCase);

        [Theory]
        [InlineData("GET https://a.blob.core.windows.net/c?sv=1&sig=abc%2Bd%3D&se=2", "GET https://a.blob.core.windows.net/c?sv=1&sig=REDACTED&se=2")]
        [InlineData("url: /c?SIG=abc+/=", "url: /c?SIG=REDACTED")]
        [InlineData("raw %3Fsv%3D1%26sig%3Dabc%252B%26se%3D2", "raw %3Fsv%3D1%26sig%3DREDACTED%26se%3D2")]
        [InlineData("twice %253Fsig%253Dabc%25252B%2526se", "twice %253Fsig%253DREDACTED%2526se")]
        [InlineData("in XML /c?sv=1&amp;sig=abc&amp;se=2", "in XML /c?sv=1&amp;sig=REDACTED&amp;se=2")]
        [InlineData("AccountName=a;AccountKey=Zm9v+YmFy==;BlobEndpoint=x", "AccountName=a;AccountKey=REDACTED;BlobEndpoint=x")]
        [InlineData("design=wide and css/sig=1.css stay", "design=wide and css/sig=1.css stay")]
        public void Every_spelling_of_a_signature_is_redacted_and_nothing_else(string text, string redacted) =>
            Assert.Equal(redacted, Redaction.Text(text));

        [Fact]
        public void An_exception_chain_without_a_secret_is_kept_as_it_is()
        {
            var plain = new InvalidOperationException("outer", new TimeoutException("inner"));
            Assert.Same(plain, Redaction.Exception(plain));
            var secret = new InvalidOperationException("outer", new TimeoutException("at /c?sig=abc"));
            var copy = Assert.IsType<RedactedException>(Redaction.Exception(secret));
            Assert.Equal("System.InvalidOperationException", copy.OriginalType);
            Assert.Equal("at /c?sig=REDACTED", copy.InnerException!.Message);
        }
    }
}
