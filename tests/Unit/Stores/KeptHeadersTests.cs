using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MediaSync.Publishing;
using MediaSync.Reporting;
using MediaSync.Stores;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Stores
{
    public sealed class KeptHeadersTests
    {
        private static readonly string[] S3Kept = new S3Store(new S3StoreOptions { Bucket = "b", EndpointUrl = "http://127.0.0.1:1", ForcePathStyle = true }).KeptHeaders.ToArray();

        [Theory]
        [InlineData("CacheControl", "Cache-Control")]
        [InlineData("cache_control", "Cache-Control")]
        [InlineData("Content-Langauge", "Content-Language")]
        [InlineData("Expire", "Expires")]
        [InlineData("X-Robots-Tag", null)]
        public void The_nearest_kept_name_is_suggested_only_when_it_is_close(string name, string? expected)
        {
            Assert.Equal(expected, KeptHeaders.Nearest(S3Kept, name));
        }

        [Theory]
        [InlineData("cache-control", true)]
        [InlineData("x-amz-meta-origin", true)]
        [InlineData("X-AMZ-META-Team", true)]
        [InlineData("x-amz-meta-", false)]
        [InlineData("X-Robots-Tag", false)]
        [InlineData("CacheControl", false)]
        public void A_prefix_pattern_covers_its_headers_and_names_ignore_case(string name, bool kept)
        {
            Assert.Equal(kept, KeptHeaders.Keeps(S3Kept, name));
        }

        [Theory]
        [InlineData("CacheControl", "Did you mean 'Cache-Control'?")]
        [InlineData("X-Robots-Tag", "It keeps: Cache-Control")]
        public void A_rule_naming_a_header_S3_drops_stops_the_publish_before_anything_is_listed_or_uploaded(string header, string said)
        {
            var store = new DeclaringStore(S3Kept);
            var request = new PublishRequest();
            request.Headers.Rules.Add(new HeaderRule("*.html", new Dictionary<string, string> { [header] = "no-cache" }));

            var error = Assert.Throws<MediaSyncException>(() => Publisher.Publish(request, new[] { TestMedia.InMemory("index.html", "<p>", DateTime.UtcNow) }, store, new RecordingHost()));

            Assert.Equal("MediaSync.HeaderNotKept", error.Error.Id);
            Assert.Equal(header, error.Error.Target);
            Assert.Contains("declaring", error.Message);
            Assert.Contains(said, error.Message);
            Assert.Empty(store.Inner.Calls);
        }

        [Fact]
        public void A_store_that_keeps_no_headers_refuses_every_rule_and_a_store_that_keeps_any_takes_every_rule()
        {
            var rules = new PublishRequest();
            rules.Headers.Rules.Add(new HeaderRule("*", new Dictionary<string, string> { ["X-Robots-Tag"] = "noindex" }));
            using var tree = new TempTree();
            var folder = new FolderStore(tree.PathOf("store"));
            var error = Assert.Throws<MediaSyncException>(() => KeptHeaders.Require(rules.Headers, folder));
            Assert.Contains("keeps no headers", error.Message);
            KeptHeaders.Require(rules.Headers, new MemoryStore()); // keeps headers, declares none: takes any
        }

        private sealed class DeclaringStore : IDeclaresKeptHeaders
        {
            public DeclaringStore(IReadOnlyList<string> kept) => KeptHeaders = kept;
            public MemoryStore Inner { get; } = new MemoryStore();
            public IReadOnlyList<string> KeptHeaders { get; }
            public string Name => "declaring";
            public bool KeepsHeaders => true;
            public bool CanDelete => true;
            public IEnumerable<StoredObject> List(CancellationToken cancellation) => Inner.List(cancellation);
            public void Put(StorePut put, CancellationToken cancellation) => Inner.Put(put, cancellation);
            public void Delete(IReadOnlyList<string> keys, CancellationToken cancellation) => Inner.Delete(keys, cancellation);
        }
    }
}
