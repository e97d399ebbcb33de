using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MediaSync.Stores
{
    /// <summary>
    /// The multipart/mixed body of a Blob Batch request and the statuses in its answer
    /// (https://learn.microsoft.com/rest/api/storageservices/blob-batch). Pure text, so it is tested without a server.
    /// </summary>
    internal static class BlobBatchMessage
    {
        /// <summary>The service takes at most 256 sub-requests in one batch.</summary>
        public const int MaxSubRequests = 256;
        private const string Crlf = "\r\n";

        /// <summary>
        /// One DELETE per path (each path already escaped, with any SAS query), Content-ID its index. A non-null
        /// <paramref name="authorization"/> is sent on every sub-request (a bearer token); a SAS rides in the path.
        /// </summary>
        public static string DeleteBody(string boundary, IReadOnlyList<string> paths, string date, string? authorization)
        {
            if (paths.Count == 0 || paths.Count > MaxSubRequests) throw new ArgumentOutOfRangeException(nameof(paths), $"A batch holds 1 to {MaxSubRequests} sub-requests.");
            var body = new StringBuilder();
            for (var i = 0; i < paths.Count; i++)
            {
                body.Append("--").Append(boundary).Append(Crlf)
                    .Append("Content-Type: application/http").Append(Crlf)
                    .Append("Content-Transfer-Encoding: binary").Append(Crlf)
                    .Append("Content-ID: ").Append(i.ToString(CultureInfo.InvariantCulture)).Append(Crlf)
                    .Append(Crlf)
                    .Append("DELETE ").Append(paths[i]).Append(" HTTP/1.1").Append(Crlf)
                    .Append("x-ms-date: ").Append(date).Append(Crlf)
                    .Append("x-ms-delete-snapshots: include").Append(Crlf);
                if (authorization != null) body.Append("Authorization: ").Append(authorization).Append(Crlf);
                body.Append("Content-Length: 0").Append(Crlf).Append(Crlf);
            }
            return body.Append("--").Append(boundary).Append("--").Append(Crlf).ToString();
        }

        /// <summary>The boundary a multipart/mixed Content-Type names, or null.</summary>
        public static string? BoundaryOf(string? contentType)
        {
            var found = contentType == null ? Match.Empty : Regex.Match(contentType, "boundary=\"?([^\";]+)\"?", RegexOptions.IgnoreCase);
            return found.Success ? found.Groups[1].Value.Trim() : null;
        }

        /// <summary>Each sub-response's status and x-ms-error-code, by Content-ID (by position where a part has none).</summary>
        public static IReadOnlyDictionary<int, SubResponse> ParseStatuses(string boundary, string body)
        {
            var statuses = new Dictionary<int, SubResponse>();
            var parts = body.Split(new[] { "--" + boundary }, StringSplitOptions.None);
            var position = 0;
            foreach (var part in parts)
            {
                var status = Regex.Match(part, @"^HTTP/1\.[01] (\d{3})(?: ([^\r\n]*))?", RegexOptions.Multiline);
                if (!status.Success) continue;
                var id = Regex.Match(part, @"^Content-ID:\s*(\d+)", RegexOptions.Multiline | RegexOptions.IgnoreCase);
                var code = Regex.Match(part, @"^x-ms-error-code:\s*([^\r\n]+)", RegexOptions.Multiline | RegexOptions.IgnoreCase);
                var index = id.Success ? int.Parse(id.Groups[1].Value, CultureInfo.InvariantCulture) : position;
                statuses[index] = new SubResponse(int.Parse(status.Groups[1].Value, CultureInfo.InvariantCulture),
                    status.Groups[2].Value.Trim(), code.Success ? code.Groups[1].Value.Trim() : null);
                position++;
            }
            return statuses;
        }

        internal readonly struct SubResponse
        {
            public SubResponse(int status, string reason, string? errorCode) { Status = status; Reason = reason; ErrorCode = errorCode; }
            public int Status { get; }
            public string Reason { get; }
            public string? ErrorCode { get; }
            /// <summary>Deleted, or not there to delete: both leave the key gone.</summary>
            public bool Gone => Status == 202 || Status == 200 || Status == 404;
            /// <summary>A failure worth one more try on its own.</summary>
            public bool Transient => Status >= 500 || Status == 429 || Status == 408;
        }
    }
}
