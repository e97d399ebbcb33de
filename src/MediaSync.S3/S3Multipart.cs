using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace MediaSync.Stores
{
    /// <summary>
    /// A multipart upload with up to <see cref="S3StoreOptions.PartConcurrency"/> parts in flight, each read at its
    /// own offset and sent with its MD5. A failure or Ctrl+C aborts the upload, so no orphaned parts are billed.
    /// </summary>
    internal sealed class S3Multipart
    {
        /// <summary>S3's smallest part, and so the smallest threshold and part size.</summary>
        public const long MinimumPartSize = 5L << 20;

        private readonly S3Connection _connection;
        private readonly S3StoreOptions _options;
        // keys this store completed, with when it began each: older uploads of them are a killed run's leftovers
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTime> _completed =
            new System.Collections.Concurrent.ConcurrentDictionary<string, DateTime>(StringComparer.Ordinal);

        public S3Multipart(S3Connection connection, S3StoreOptions options)
        {
            _connection = connection;
            _options = options;
        }

        /// <summary>Uploads <paramref name="put"/> to <paramref name="fullKey"/> and returns its ETag (computed where the server gives none).</summary>
        public string Upload(string fullKey, StorePut put, CancellationToken cancellation)
        {
            var began = DateTime.UtcNow;
            var initiate = new InitiateMultipartUploadRequest { BucketName = _options.Bucket, Key = fullKey };
            S3Headers.Apply(initiate.Headers, initiate.Metadata, put.Headers, put.Md5, value => initiate.ContentType = value);
            var uploadId = _connection.Wait(_connection.Sdk.InitiateMultipartUploadAsync(initiate, cancellation)).UploadId;
            try
            {
                var length = put.Content.Length;
                var partCount = (int)((length + _options.PartSize - 1) / _options.PartSize);
                var parts = new PartETag[partCount];
                var partDigests = new byte[partCount][];
                using (var firstFailure = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
                using (var slots = new SemaphoreSlim(_options.PartConcurrency))
                {
                    async Task UploadPart(int index)
                    {
                        await slots.WaitAsync(firstFailure.Token).ConfigureAwait(false);
                        try
                        {
                            var offset = index * _options.PartSize;
                            var bytes = ReadRange(put.Content, offset, (int)Math.Min(_options.PartSize, length - offset));
                            using (var body = new System.IO.MemoryStream(bytes, writable: false))
                            using (var md5 = System.Security.Cryptography.MD5.Create())
                            {
                                partDigests[index] = md5.ComputeHash(bytes);
                                _connection.Count();
                                var response = await _connection.Sdk.UploadPartAsync(new UploadPartRequest
                                {
                                    BucketName = _options.Bucket, Key = fullKey, UploadId = uploadId, PartNumber = index + 1, PartSize = bytes.Length,
                                    InputStream = body, UseChunkEncoding = false, MD5Digest = Convert.ToBase64String(partDigests[index]),
                                }, firstFailure.Token).ConfigureAwait(false);
                                parts[index] = new PartETag(index + 1, response.ETag);
                            }
                        }
                        catch
                        {
                            firstFailure.Cancel();
                            throw;
                        }
                        finally { slots.Release(); }
                    }
                    var uploads = Task.WhenAll(Enumerable.Range(0, partCount).Select(UploadPart).ToArray());
                    try { uploads.GetAwaiter().GetResult(); }
                    catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                    {
                        // A part failed and the others were stopped: report the failure, not the stop.
                        throw uploads.Exception?.InnerExceptions.FirstOrDefault(e => !(e is OperationCanceledException)) ?? throw new OperationCanceledException();
                    }
                }
                // parts are read by range, so no one stream sees the whole file: the source must still be as found
                put.Content.CheckUnchanged();
                var completed = _connection.Wait(_connection.Sdk.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
                {
                    BucketName = _options.Bucket, Key = fullKey, UploadId = uploadId, PartETags = parts.ToList(),
                }, cancellation));
                _completed[fullKey] = began;
                // Some servers (Ceph RGW) answer with an empty ETag; S3's rule gives it.
                return string.IsNullOrEmpty(S3ETag.Bare(completed.ETag)) ? S3ETag.Multipart(partDigests) : completed.ETag;
            }
            catch
            {
                Abort(fullKey, uploadId);
                throw;
            }
        }

        /// <summary>
        /// Aborts uploads that a killed run left (its process never got to abort them) for keys this store has since
        /// completed: begun before ours, they can only ever overwrite it with older bytes. Other keys' uploads are not
        /// this run's to judge. One listing, and only after a multipart upload; best effort, like <see cref="Abort"/>.
        /// </summary>
        public void AbortSuperseded(string prefix, CancellationToken cancellation)
        {
            if (_completed.IsEmpty) return;
            try
            {
                var request = new ListMultipartUploadsRequest { BucketName = _options.Bucket, Prefix = prefix.Length == 0 ? null : prefix };
                while (true)
                {
                    var page = _connection.Wait(_connection.Sdk.ListMultipartUploadsAsync(request, cancellation));
                    foreach (var upload in page.MultipartUploads ?? new List<MultipartUpload>())
                        if (_completed.TryGetValue(upload.Key, out var ours) && upload.Initiated?.ToUniversalTime() < ours)
                            Abort(upload.Key, upload.UploadId);
                    if (page.IsTruncated != true) break;
                    request.KeyMarker = page.NextKeyMarker;
                    request.UploadIdMarker = page.NextUploadIdMarker;
                }
            }
            catch (Exception e) when (IsServerTrouble(e)) { }
            _completed.Clear();
        }

        private static bool IsServerTrouble(Exception e) =>
            e is AmazonServiceException || e is System.Net.Http.HttpRequestException || e is System.IO.IOException;

        private void Abort(string fullKey, string uploadId)
        {
            try { _connection.Wait(_connection.Sdk.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = _options.Bucket, Key = fullKey, UploadId = uploadId }, CancellationToken.None)); }
            catch (Exception e) when (IsServerTrouble(e))
            {
                // Best effort: the upload's own error is the one worth reporting; a bucket lifecycle rule cleans up the rest.
            }
        }

        private static byte[] ReadRange(MediaSync.Content.MediaContent content, long offset, int count)
        {
            var bytes = new byte[count];
            using (var stream = content.OpenRead())
            {
                stream.Seek(offset, System.IO.SeekOrigin.Begin);
                var read = 0;
                while (read < count)
                {
                    var n = stream.Read(bytes, read, count - read);
                    if (n == 0) throw new System.IO.EndOfStreamException($"the content ended at {offset + read} bytes, before its expected {content.Length}.");
                    read += n;
                }
            }
            return bytes;
        }
    }
}
