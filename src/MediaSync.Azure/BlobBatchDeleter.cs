using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Sas;

namespace MediaSync.Stores
{
    /// <summary>
    /// Deletes up to 256 blobs in one container-scoped Blob Batch request, over HttpClient: Azure.Storage.Blobs.Batch
    /// is not in the package source. A container SAS (made from the account key, or the one given) or a bearer token
    /// authorizes the batch and each sub-request. Blobs the batch could not settle go back to the caller for a
    /// one-by-one delete: a service or proxy that refuses batches costs speed, never a delete.
    /// </summary>
    internal sealed class BlobBatchDeleter
    {
        private const string ServiceVersion = "2021-12-02";
        private static readonly string[] StorageScope = { "https://storage.azure.com/.default" };
        private static readonly HttpClient Http = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };

        private readonly BlobContainerClient _container;
        private readonly TokenCredential? _credential;
        private readonly int _maxRetries;
        private int _batchesSent;
        private volatile bool _refused;

        public BlobBatchDeleter(BlobContainerClient container, TokenCredential? credential, int maxRetries)
        {
            _container = container;
            _credential = credential;
            _maxRetries = Math.Max(0, maxRetries);
        }

        /// <summary>Batch requests the service answered (for tests and the benchmark).</summary>
        public int BatchesSent => _batchesSent;

        public BatchOutcome Delete(IReadOnlyList<string> blobNames, CancellationToken cancellation)
        {
            var outcome = new BatchOutcome();
            if (_refused) { outcome.OneByOne.AddRange(blobNames); return outcome; }
            var scope = SignedContainer();
            var authorization = _credential == null ? null
                : "Bearer " + _credential.GetToken(new TokenRequestContext(StorageScope), cancellation).Token;
            var paths = blobNames.Select(name => scope.GetBlobClient(name).Uri.PathAndQuery).ToList();
            var answer = Send(scope.Uri, paths, authorization, cancellation);
            if (answer == null) { outcome.OneByOne.AddRange(blobNames); return outcome; }
            for (var i = 0; i < blobNames.Count; i++)
            {
                if (!answer.TryGetValue(i, out var sub) || sub.Transient) outcome.OneByOne.Add(blobNames[i]);
                else if (sub.Gone) outcome.Deleted.Add(blobNames[i]);
                else outcome.Failures[blobNames[i]] = new RequestFailedException(sub.Status, sub.Reason.Length == 0 ? "The delete was refused." : sub.Reason, sub.ErrorCode, null);
            }
            return outcome;
        }

        /// <summary>The container with a SAS that may delete, when the account key is at hand; else as given.</summary>
        private BlobContainerClient SignedContainer() =>
            _credential == null && _container.CanGenerateSasUri && string.IsNullOrEmpty(_container.Uri.Query)
                ? new BlobContainerClient(_container.GenerateSasUri(BlobContainerSasPermissions.Delete, DateTimeOffset.UtcNow.AddHours(1)))
                : _container;

        /// <summary>The sub-responses by Content-ID; null when the batch as a whole did not go through.</summary>
        private IReadOnlyDictionary<int, BlobBatchMessage.SubResponse>? Send(Uri container, IReadOnlyList<string> paths, string? authorization, CancellationToken cancellation)
        {
            var sas = container.Query.TrimStart('?');
            var url = container.GetLeftPart(UriPartial.Path) + "?restype=container&comp=batch" + (sas.Length == 0 ? "" : "&" + sas);
            for (var attempt = 0; ; attempt++)
            {
                var boundary = "batch_" + Guid.NewGuid().ToString("D");
                var date = DateTime.UtcNow.ToString("R", CultureInfo.InvariantCulture);
                using var request = new HttpRequestMessage(HttpMethod.Post, url)
                {
                    Content = new StringContent(BlobBatchMessage.DeleteBody(boundary, paths, date, authorization), Encoding.UTF8),
                };
                request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/mixed; boundary=" + boundary);
                request.Headers.Add("x-ms-version", ServiceVersion);
                request.Headers.Add("x-ms-date", date);
                if (authorization != null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
                int status;
                try
                {
                    using var response = Http.SendAsync(request, cancellation).GetAwaiter().GetResult();
                    status = (int)response.StatusCode;
                    if (status == 202 || status == 200)
                    {
                        var boundaryOut = BlobBatchMessage.BoundaryOf(response.Content.Headers.ContentType?.ToString());
                        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                        Interlocked.Increment(ref _batchesSent);
                        return boundaryOut == null ? null : BlobBatchMessage.ParseStatuses(boundaryOut, body);
                    }
                }
                catch (HttpRequestException) { status = 0; }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested) { status = 0; }   // the client's timeout
                var transient = status == 0 || status >= 500 || status == 429 || status == 408;
                if (!transient) { _refused = true; return null; }
                if (attempt >= _maxRetries) return null;
                cancellation.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(Math.Min(8000, 250 << attempt)));
                cancellation.ThrowIfCancellationRequested();
            }
        }

        internal sealed class BatchOutcome
        {
            public List<string> Deleted { get; } = new List<string>();
            /// <summary>Blobs to delete one by one: the batch was refused, failed after its retries, or their sub-request hit a transient error.</summary>
            public List<string> OneByOne { get; } = new List<string>();
            public Dictionary<string, Exception> Failures { get; } = new Dictionary<string, Exception>(StringComparer.Ordinal);
        }
    }
}
