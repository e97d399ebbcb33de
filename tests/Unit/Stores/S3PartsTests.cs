using System.Collections.Generic;
using MediaSync.Stores;
using Xunit;

namespace MediaSync.Tests.Stores
{
    /// <summary>The S3 store's parts that need no server: addressing, the ETag rule and the state file.</summary>
    public sealed class S3PartsTests
    {
        [Theory]
        [InlineData("media", false, "http://127.0.0.1:7490", "http://media.127.0.0.1:7490/", "http://media.127.0.0.1:7490/static/a%20b.css")]
        [InlineData("media", true, "http://127.0.0.1:7490", "http://127.0.0.1:7490/media/", "http://127.0.0.1:7490/media/static/a%20b.css")]
        // a dotted bucket is addressed by path for requests and public URLs alike (a virtual host would break TLS)
        [InlineData("media.example.com", false, null, "https://s3.eu-west-1.amazonaws.com/media.example.com/", "https://s3.eu-west-1.amazonaws.com/media.example.com/static/a%20b.css")]
        [InlineData("media", false, null, "https://media.s3.eu-west-1.amazonaws.com/", "https://media.s3.eu-west-1.amazonaws.com/static/a%20b.css")]
        public void Requests_and_public_urls_address_the_bucket_the_same_way(string bucket, bool pathStyle, string? endpoint, string bucketUrl, string objectUrl)
        {
            var address = new S3Addressing(new S3StoreOptions { Bucket = bucket, ForcePathStyle = pathStyle, EndpointUrl = endpoint, Region = "eu-west-1" }, "static/");

            Assert.Equal(bucketUrl, address.BucketUrl.AbsoluteUri);
            Assert.Equal(objectUrl, address.UrlFor("a b.css").AbsoluteUri);
        }

        [Theory]
        [InlineData("\"0CC175B9C0F1B6A831C399E269772661\"", "0cc175b9c0f1b6a831c399e269772661")]
        [InlineData("\"0cc175b9c0f1b6a831c399e269772661-3\"", null)]
        [InlineData("", null)]
        public void Only_a_single_part_etag_is_the_md5(string etag, string? md5) => Assert.Equal(md5, S3ETag.Md5(etag));

        [Fact]
        public void The_state_round_trips_and_vouches_only_for_the_etag_it_saw()
        {
            var state = StoreState.Empty();
            var headers = new Dictionary<string, string> { ["Content-Type"] = "text/css" };
            state.Remember("a.css", "\"0cc175b9c0f1b6a831c399e269772661\"", headers, "1:2", "0cc175b9c0f1b6a831c399e269772661");
            state.Remember("big.bin", "\"abc-2\"", headers, null, "92eb5ffee6ae2fec3ad71c777531578f");
            Assert.True(state.Dirty);

            var reloaded = StoreState.Unpack(state.Pack());

            Assert.False(state.Dirty);
            Assert.Null(reloaded.Vouching("a.css", "another-etag"));
            var single = reloaded.Vouching("a.css", "0cc175b9c0f1b6a831c399e269772661")!;
            Assert.Equal(("1:2", (string?)null), (single.SourceStamp, single.Md5));   // the ETag is the MD5: not stored twice
            Assert.Equal("92eb5ffee6ae2fec3ad71c777531578f", reloaded.Vouching("big.bin", "abc-2")!.Md5);
            Assert.Equal(HeaderDigest.Of(headers), single.HeadersDigest);
        }

        [Fact]
        public void An_unreadable_state_is_an_empty_one() => Assert.Empty(StoreState.Unpack(new byte[] { 1, 2, 3 }).Keys());

        [Theory]
        [InlineData("{\"version\":1,\"objects\":{\"a.css\":{\"etag\":\"e\"}}}")]                       // no headers
        [InlineData("{\"version\":1,\"objects\":{\"a.css\":{\"etag\":1,\"headers\":\"h\"}}}")]        // an etag that is no string
        [InlineData("{\"version\":1,\"objects\":[]}")]
        [InlineData("{\"version\":1}")]
        [InlineData("{\"version\":1,\"objects\":{\"a.css\":{\"etag\":\"e\",\"headers\":\"h\"}")]  // cut short
        public void A_state_that_is_not_what_MediaSync_writes_is_an_empty_one_as_a_whole(string json) =>
            Assert.Empty(StoreState.Unpack(System.Text.Encoding.UTF8.GetBytes(json)).Keys());

        [Fact]
        public void A_plain_state_with_fields_MediaSync_does_not_know_reads_what_it_knows_and_shares_the_digests()
        {
            var json = "{\"objects\":{\"a.css\":{\"etag\":\"e1\",\"later\":{\"x\":[1,2]},\"headers\":\"h\",\"source\":null},"
                + "\"b.css\":{\"md5\":\"m\",\"headers\":\"h\",\"etag\":\"e2\",\"source\":\"3:4\"}},\"version\":2,\"note\":[{}]}";

            var state = StoreState.Unpack(System.Text.Encoding.UTF8.GetBytes(json));

            var a = state.Vouching("a.css", "e1")!;
            var b = state.Vouching("b.css", "e2")!;
            Assert.Equal(("h", (string?)null, (string?)null), (a.HeadersDigest, a.SourceStamp, a.Md5));
            Assert.Equal(("h", "3:4", "m"), (b.HeadersDigest, b.SourceStamp, b.Md5));
            Assert.Same(a.HeadersDigest, b.HeadersDigest);
        }
    }
}
