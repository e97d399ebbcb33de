using System;

namespace MediaSync.Stores
{
    /// <summary>
    /// Where a bucket and its objects are, in one place for the requests and the public URLs: path style
    /// (http://host/bucket/key) when asked for or when the bucket name has a dot (a virtual host would break TLS),
    /// virtual-host style (https://bucket.host/key) otherwise. A CDN base URL, when given, names the public URLs.
    /// </summary>
    internal sealed class S3Addressing
    {
        private readonly S3StoreOptions _options;
        private readonly string _prefix;

        public S3Addressing(S3StoreOptions options, string prefix)
        {
            _options = options;
            _prefix = prefix;
            var endpoint = options.EndpointUrl != null ? new Uri(options.EndpointUrl) : new Uri($"https://s3.{options.Region}.amazonaws.com");
            BucketUrl = PathStyle
                ? new Uri($"{endpoint.Scheme}://{endpoint.Authority}/{options.Bucket}/")
                : new Uri($"{endpoint.Scheme}://{options.Bucket}.{endpoint.Authority}/");
        }

        /// <summary>The SDK addresses a dotted bucket by path as well, whatever ForcePathStyle says.</summary>
        public bool PathStyle => _options.ForcePathStyle || _options.Bucket.IndexOf('.') >= 0;

        /// <summary>The bucket's root URL, as the SDK addresses it.</summary>
        public Uri BucketUrl { get; }

        /// <summary>The URL an object is served from.</summary>
        public Uri UrlFor(string key) =>
            _options.PublicBaseUrl != null
                ? new Uri(_options.PublicBaseUrl.TrimEnd('/') + "/" + MediaKey.ToUrlPath(key))
                : new Uri(BucketUrl.AbsoluteUri + MediaKey.ToUrlPath(_prefix + key));
    }

    /// <summary>S3's ETag rule: a single-part upload's ETag is the content's MD5; a multipart one ("…-3") is not.</summary>
    internal static class S3ETag
    {
        public static string Bare(string? etag) => ETags.Bare(etag);

        /// <summary>The content MD5 an ETag is, lower-case, or null for a multipart (or missing) ETag.</summary>
        public static string? Md5(string? etag) => ETags.Md5(etag);

        /// <summary>S3's multipart ETag: the MD5 of the parts' MD5s, a dash, the part count.</summary>
        public static string Multipart(System.Collections.Generic.IReadOnlyList<byte[]> partDigests) =>
            ContentHash.Md5Hex(System.Linq.Enumerable.ToArray(System.Linq.Enumerable.SelectMany(partDigests, d => d))) + "-"
            + partDigests.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
