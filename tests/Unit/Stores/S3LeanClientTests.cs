using System.IO;
using System.Linq;
using System.Text;
using MediaSync.Stores;
using Xunit;

namespace MediaSync.Tests.Stores
{
    public sealed class S3LeanClientTests
    {
        private static (System.Collections.Generic.List<Amazon.S3.Model.S3Object> Objects, string? Next) Parse(string xml) =>
            S3LeanClient.ParseListing(new MemoryStream(Encoding.UTF8.GetBytes(xml)));

        [Fact]
        public void A_listing_page_gives_decoded_keys_sizes_etags_and_the_next_token()
        {
            var page = Parse(@"<?xml version=""1.0"" encoding=""UTF-8""?>
<ListBucketResult xmlns=""http://s3.amazonaws.com/doc/2006-03-01/"">
  <Name>b</Name><Prefix>site%2F</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys><EncodingType>url</EncodingType>
  <IsTruncated>true</IsTruncated>
  <Contents><Key>site%2Fa+b%2Bc.css</Key><LastModified>2026-11-22T06:00:00.000Z</LastModified><ETag>&quot;0cc175b9c0f1b6a831c399e269772661&quot;</ETag>
    <Size>1</Size><Owner><ID>x</ID><DisplayName>y</DisplayName></Owner><StorageClass>STANDARD</StorageClass></Contents>
  <Contents><Key>site%2F%E6%97%A5%E6%9C%AC.js</Key><LastModified>2026-11-22T06:00:01.000Z</LastModified><ETag>&quot;abc-3&quot;</ETag><Size>20000000</Size></Contents>
  <NextContinuationToken>token/with+chars==</NextContinuationToken>
</ListBucketResult>");

            Assert.Equal(new[] { "site/a b+c.css", "site/日本.js" }, page.Objects.Select(o => o.Key));
            Assert.Equal(new long?[] { 1, 20000000 }, page.Objects.Select(o => o.Size));
            Assert.Equal("\"abc-3\"", page.Objects[1].ETag);
            Assert.Equal("token/with+chars==", page.Next);
        }

        [Fact]
        public void The_last_page_has_no_next_token()
        {
            var page = Parse(@"<ListBucketResult xmlns=""http://s3.amazonaws.com/doc/2006-03-01/""><IsTruncated>false</IsTruncated></ListBucketResult>");
            Assert.Empty(page.Objects);
            Assert.Null(page.Next);
        }
    }
}

namespace MediaSync.Tests.Stores
{
    public sealed class Utf8OrderTests
    {
        [Fact]
        public void Keys_sort_as_S3_lists_them_by_their_utf8_bytes()
        {
            var keys = new[] { "a", "a/b", "ab", "A", "z", "é", "日本", "\uE000", "\uFFFD", "😀", "𝄞x", "a😀", "a\uFF01", "a\uD7FF", "" };
            var byBytes = keys.OrderBy(k => k, System.Collections.Generic.Comparer<string>.Create((x, y) =>
                System.MemoryExtensions.SequenceCompareTo<byte>(Encoding.UTF8.GetBytes(x), Encoding.UTF8.GetBytes(y)))).ToList();

            var sorted = keys.OrderBy(k => k, Utf8Order.Instance).ToList();

            Assert.Equal(byBytes, sorted);
            Assert.NotEqual(keys.OrderBy(k => k, System.StringComparer.Ordinal), sorted);
        }
    }
}
