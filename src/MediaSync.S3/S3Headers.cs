using System;
using System.Collections.Generic;
using Amazon.S3.Model;

namespace MediaSync.Stores
{
    /// <summary>How MediaSync's headers map onto S3's request fields and back, and the headers S3 keeps.</summary>
    internal static class S3Headers
    {
        /// <summary>Every object carries its MD5 here, because a multipart upload's ETag is not one.</summary>
        public const string Md5MetadataKey = "mediasync-md5";
        public const string Md5MetadataHeader = "x-amz-meta-" + Md5MetadataKey;

        /// <summary>What S3 stores with an object and serves back; it drops any other header sent with a PUT.</summary>
        public static readonly IReadOnlyList<string> Kept = new[]
        {
            "Cache-Control", "Content-Type", "Content-Encoding", "Content-Disposition", "Content-Language", "Expires",
            "x-amz-meta-*", "x-amz-website-redirect-location",
        };

        /// <summary>Sets <paramref name="headers"/> (and the MD5 metadata) on an SDK request.</summary>
        public static void Apply(HeadersCollection target, MetadataCollection metadata, IReadOnlyDictionary<string, string> headers, string md5,
            Action<string> setContentType)
        {
            foreach (var header in headers)
            {
                if (header.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) setContentType(header.Value);
                else if (header.Key.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase)) target.ContentEncoding = header.Value;
                else if (header.Key.Equals("Cache-Control", StringComparison.OrdinalIgnoreCase)) target.CacheControl = header.Value;
                else if (header.Key.Equals("Content-Disposition", StringComparison.OrdinalIgnoreCase)) target.ContentDisposition = header.Value;
                else if (header.Key.Equals("Content-Language", StringComparison.OrdinalIgnoreCase)) target["Content-Language"] = header.Value;
                else if (header.Key.Equals("Expires", StringComparison.OrdinalIgnoreCase))
                {
                    if (DateTime.TryParse(header.Value, System.Globalization.CultureInfo.InvariantCulture,
                            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var expires))
                        target.Expires = expires;
                }
                else if (header.Key.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase)) metadata.Add(header.Key.Substring("x-amz-meta-".Length), header.Value);
                else target[header.Key] = header.Value;
            }
            metadata.Add(Md5MetadataKey, md5);
        }

        /// <summary>The headers a HEAD shows, as MediaSync names them (its own MD5 metadata left out).</summary>
        public static IReadOnlyDictionary<string, string> Of(GetObjectMetadataResponse head)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            void Add(string name, string? value) { if (!string.IsNullOrEmpty(value)) headers[name] = value!; }
            Add("Content-Type", head.Headers.ContentType);
            Add("Content-Encoding", head.Headers.ContentEncoding);
            Add("Cache-Control", head.Headers.CacheControl);
            Add("Content-Disposition", head.Headers.ContentDisposition);
            Add("Content-Language", head.Headers["Content-Language"]);
            Add("Expires", head.ExpiresString);
            Add("x-amz-website-redirect-location", head.WebsiteRedirectLocation);
            foreach (var name in head.Metadata.Keys)
                if (!name.EndsWith(Md5MetadataKey, StringComparison.OrdinalIgnoreCase)) Add(name.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase) ? name : "x-amz-meta-" + name, head.Metadata[name]);
            return headers;
        }

        /// <summary>One x-amz-meta- value from a HEAD, by its bare or full name.</summary>
        public static string? Metadata(GetObjectMetadataResponse head, string name)
        {
            foreach (var key in head.Metadata.Keys)
                if (key.Equals(name, StringComparison.OrdinalIgnoreCase) || key.Equals("x-amz-meta-" + name, StringComparison.OrdinalIgnoreCase))
                    return head.Metadata[key];
            return null;
        }
    }
}
