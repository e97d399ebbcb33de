using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using Amazon.Runtime;
using Amazon.S3.Model;

namespace MediaSync.Stores
{
    /// <summary>
    /// The requests a sync makes by the thousand, or always (state, listing pages, single-part puts), as SigV4-signed
    /// requests straight over HttpClient. A sync then never pays the SDK's cold start (about 0.3 s) unless it needs
    /// the SDK's rarer operations, and each request costs the client less CPU, which a small server shares. Anything
    /// unexpected (an error status, a redirect, a reset) throws <see cref="LeanRequestFailed"/>, and the store makes
    /// the same request through the SDK, which knows every endpoint rule, retries with backoff, and reports errors fully.
    /// </summary>
    internal sealed class S3LeanClient : IDisposable
    {
        private const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

        // Redirects are the SDK's business (a wrong region); .NET Framework would otherwise allow two connections per host.
        private readonly HttpClient _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = 64 });
        private readonly Func<ImmutableCredentials> _credentials;
        private readonly string _region;
        private readonly Uri _bucketUrl;

        /// <summary>
        /// Reads from <paramref name="bucketUrl"/> (https://bucket.s3.region.amazonaws.com/, or http://host/bucket/ in
        /// path style), signing for <paramref name="region"/> with <paramref name="credentials"/> as they are at each request.
        /// </summary>
        public S3LeanClient(Uri bucketUrl, string region, TimeSpan timeout, Func<ImmutableCredentials> credentials)
        {
            _http.Timeout = timeout;
            _bucketUrl = bucketUrl;
            _region = region;
            _credentials = credentials;
        }

        internal sealed class LeanRequestFailed : Exception
        {
            public LeanRequestFailed(string why, bool lasting, Exception? inner = null) : base(why, inner) => Lasting = lasting;

            /// <summary>True when the lean path cannot work here at all (a redirect, a refused signature), not just this once.</summary>
            public bool Lasting { get; }
        }

        /// <summary>Writes one object whole, with Content-MD5 so the server checks the bytes; returns its ETag.</summary>
        public async Task<string?> PutObject(string key, Content.MediaContent content, string md5Hex, IReadOnlyList<KeyValuePair<string, string>> headers,
            CancellationToken cancellation)
        {
            using (var body = content.OpenRead())
            {
                var payload = new StreamContent(body);
                payload.Headers.ContentLength = content.Length;
                payload.Headers.ContentMD5 = ContentHash.FromHex(md5Hex);
                var signed = new SortedDictionary<string, string>(StringComparer.Ordinal);
                var plain = new List<KeyValuePair<string, string>>();
                foreach (var header in headers)
                {
                    var name = header.Key.ToLowerInvariant();
                    if (name.StartsWith("x-amz-", StringComparison.Ordinal)) signed[name] = header.Value.Trim();
                    else if (!payload.Headers.TryAddWithoutValidation(header.Key, header.Value)) plain.Add(header);
                }
                using (var response = await Send(HttpMethod.Put, MediaKey.ToUrlPath(key), new SortedDictionary<string, string>(StringComparer.Ordinal), cancellation,
                    payload, signed, plain).ConfigureAwait(false))
                {
                    Require(response);
                    return response.Headers.ETag?.Tag;
                }
            }
        }


        /// <summary>The object's bytes, or null when it does not exist.</summary>
        public async Task<byte[]?> GetObject(string key, CancellationToken cancellation)
        {
            using (var response = await Send(HttpMethod.Get, MediaKey.ToUrlPath(key), new SortedDictionary<string, string>(StringComparer.Ordinal), cancellation).ConfigureAwait(false))
            {
                if (response.StatusCode == HttpStatusCode.NotFound) return null;
                Require(response);
                return await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            }
        }

        /// <summary>One ListObjectsV2 page: its objects, and the token for the next page (null on the last).</summary>
        public async Task<(List<S3Object> Objects, string? Next)> ListPage(string prefix, string? startAfter, string? continuation, int maxKeys,
            CancellationToken cancellation)
        {
            var query = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["list-type"] = "2",
                ["encoding-type"] = "url",
                ["max-keys"] = maxKeys.ToString(CultureInfo.InvariantCulture),
                ["prefix"] = prefix,
            };
            if (startAfter != null) query["start-after"] = startAfter;
            if (continuation != null) query["continuation-token"] = continuation;
            using (var response = await Send(HttpMethod.Get, "", query, cancellation).ConfigureAwait(false))
            {
                Require(response);
                using (var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
                    return ParseListing(body);
            }
        }

        /// <summary>A ListBucketResult, read in one forward pass (a page holds up to a thousand entries).</summary>
        internal static (List<S3Object> Objects, string? Next) ParseListing(System.IO.Stream body)
        {
            var objects = new List<S3Object>();
            string? next = null;
            var truncated = false;
            S3Object? current = null;
            using (var xml = XmlReader.Create(body, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true, IgnoreComments = true }))
            {
                // ReadElementContentAsString moves past the element it reads, so the loop reads on only when nothing was read.
                xml.MoveToContent();
                while (!xml.EOF)
                {
                    if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "Contents" && xml.Depth == 1)
                    {
                        if (current?.Key == null) throw new LeanRequestFailed("a listed object without a key", lasting: true);
                        objects.Add(current);
                        current = null;
                    }
                    else if (xml.NodeType == XmlNodeType.Element && xml.Depth == 1 && xml.LocalName == "Contents")
                    {
                        current = new S3Object();
                    }
                    else if (xml.NodeType == XmlNodeType.Element && xml.Depth == 1 && (xml.LocalName == "IsTruncated" || xml.LocalName == "NextContinuationToken"))
                    {
                        var isTruncated = xml.LocalName == "IsTruncated";
                        var text = xml.ReadElementContentAsString();
                        if (isTruncated) truncated = string.Equals(text, "true", StringComparison.OrdinalIgnoreCase);
                        else next = text;
                        continue;
                    }
                    else if (xml.NodeType == XmlNodeType.Element && xml.Depth == 2 && current != null
                        && (xml.LocalName == "Key" || xml.LocalName == "ETag" || xml.LocalName == "Size" || xml.LocalName == "LastModified"))
                    {
                        var name = xml.LocalName;
                        var text = xml.ReadElementContentAsString();
                        if (name == "Key") current.Key = UrlDecode(text);
                        else if (name == "ETag") current.ETag = text;
                        else if (name == "Size") current.Size = long.Parse(text, CultureInfo.InvariantCulture);
                        else if (name == "LastModified") current.LastModified = DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
                        continue;
                    }
                    xml.Read();
                }
            }
            if (truncated && next == null) throw new LeanRequestFailed("a truncated listing without a next token", lasting: true);
            return (objects, truncated ? next : null);
        }

        /// <summary>Keys in an encoding-type=url listing are form-encoded: '+' is a space, a real '+' is %2B.</summary>
        private static string UrlDecode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

        private static void Require(HttpResponseMessage response)
        {
            if (response.IsSuccessStatusCode) return;
            var status = (int)response.StatusCode;
            // Throttling and server errors pass; a redirect or a refusal means this path does not fit the endpoint.
            throw new LeanRequestFailed($"HTTP {status}", lasting: status < 500 && status != 429 && status != 408);
        }

        private async Task<HttpResponseMessage> Send(HttpMethod method, string keyPath, SortedDictionary<string, string> query, CancellationToken cancellation,
            HttpContent? body = null, IDictionary<string, string>? signedExtra = null, IEnumerable<KeyValuePair<string, string>>? unsigned = null)
        {
            var credentials = _credentials();
            var amzDate = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            var day = amzDate.Substring(0, 8);
            var path = _bucketUrl.AbsolutePath.TrimEnd('/') + "/" + keyPath;
            var canonicalQuery = string.Join("&", query.Select(p => Encode(p.Key) + "=" + Encode(p.Value)));
            // A body is not hashed into the signature (UNSIGNED-PAYLOAD); its Content-MD5 protects it instead.
            var payloadHash = body == null ? EmptyPayloadHash : "UNSIGNED-PAYLOAD";
            var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["host"] = _bucketUrl.IsDefaultPort ? _bucketUrl.Host : _bucketUrl.Authority,
                ["x-amz-content-sha256"] = payloadHash,
                ["x-amz-date"] = amzDate,
            };
            if (!string.IsNullOrEmpty(credentials.Token)) headers["x-amz-security-token"] = credentials.Token;
            if (signedExtra != null) foreach (var header in signedExtra) headers[header.Key] = header.Value;
            var signedHeaders = string.Join(";", headers.Keys);
            var canonicalRequest = string.Join("\n", method.Method, path, canonicalQuery,
                string.Concat(headers.Select(h => h.Key + ":" + h.Value + "\n")), signedHeaders, payloadHash);
            var scope = $"{day}/{_region}/s3/aws4_request";
            var stringToSign = string.Join("\n", "AWS4-HMAC-SHA256", amzDate, scope, Hex(Sha256(Encoding.UTF8.GetBytes(canonicalRequest))));
            var key = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretKey), day), _region), "s3"), "aws4_request");
            var signature = Hex(Hmac(key, stringToSign));

            var request = new HttpRequestMessage(method, new Uri($"{_bucketUrl.Scheme}://{_bucketUrl.Authority}{path}{(canonicalQuery.Length > 0 ? "?" + canonicalQuery : "")}"))
            {
                Content = body,
            };
            foreach (var header in headers.Where(h => h.Key != "host")) request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            if (unsigned != null) foreach (var header in unsigned) request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            request.Headers.TryAddWithoutValidation("Authorization",
                $"AWS4-HMAC-SHA256 Credential={credentials.AccessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
            try { return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellation).ConfigureAwait(false); }
            catch (HttpRequestException e) { throw new LeanRequestFailed("the request failed", lasting: false, e); }
            catch (System.IO.IOException e) { throw new LeanRequestFailed("the connection failed", lasting: false, e); }
        }

        /// <summary>SigV4's URI encoding: RFC 3986 unreserved characters stay, everything else is %XX of its UTF-8 bytes.</summary>
        private static string Encode(string value)
        {
            var encoded = new StringBuilder();
            foreach (var b in Encoding.UTF8.GetBytes(value))
            {
                var c = (char)b;
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') encoded.Append(c);
                else encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            return encoded.ToString();
        }

        private static byte[] Sha256(byte[] data)
        {
            using (var sha = SHA256.Create()) return sha.ComputeHash(data);
        }

        private static byte[] Hmac(byte[] key, string data)
        {
            using (var hmac = new HMACSHA256(key)) return hmac.ComputeHash(Encoding.UTF8.GetBytes(data));
        }

        private static string Hex(byte[] bytes) => ContentHash.ToHex(bytes);

        public void Dispose() => _http.Dispose();
    }
}
