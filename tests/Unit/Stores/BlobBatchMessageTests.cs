using System;
using System.Linq;
using MediaSync.Stores;
using Xunit;

namespace MediaSync.Tests.Stores
{
    public sealed class BlobBatchMessageTests
    {
        [Fact]
        public void A_delete_batch_numbers_each_sub_request_and_closes_with_the_final_boundary()
        {
            var body = BlobBatchMessage.DeleteBody("batch_x", new[] { "/c/a.css?sig=1", "/c/b%20c.css?sig=1" }, "Wed, 02 Dec 2026 07:00:00 GMT", "Bearer t");
            var parts = body.Split(new[] { "--batch_x" }, StringSplitOptions.None);
            Assert.Equal(4, parts.Length);   // before the first, two parts, and the closing "--"
            Assert.Contains("Content-ID: 1\r\n\r\nDELETE /c/b%20c.css?sig=1 HTTP/1.1\r\n", parts[2]);
            Assert.Contains("Authorization: Bearer t\r\n", parts[1]);
            Assert.EndsWith("--batch_x--\r\n", body);
            Assert.Throws<ArgumentOutOfRangeException>(() => BlobBatchMessage.DeleteBody("b", Enumerable.Repeat("/c/x", 257).ToList(), "d", null));
            Assert.DoesNotContain("Authorization", BlobBatchMessage.DeleteBody("b", new[] { "/c/x?sas" }, "d", null));
        }

        [Fact]
        public void Sub_responses_are_read_by_content_id_with_their_error_codes()
        {
            Assert.Equal("batchresponse_66925647", BlobBatchMessage.BoundaryOf("multipart/mixed; boundary=batchresponse_66925647"));
            Assert.Null(BlobBatchMessage.BoundaryOf("application/xml"));
            const string answer = "--batchresponse_1\r\nContent-Type: application/http\r\nContent-ID: 1\r\n\r\nHTTP/1.1 404 The specified blob does not exist.\r\n"
                + "x-ms-error-code: BlobNotFound\r\n\r\n--batchresponse_1\r\nContent-Type: application/http\r\nContent-ID: 0\r\n\r\nHTTP/1.1 202 Accepted\r\n\r\n"
                + "--batchresponse_1\r\nContent-Type: application/http\r\nContent-ID: 2\r\n\r\nHTTP/1.1 403 This request is not authorized.\r\n"
                + "x-ms-error-code: AuthorizationPermissionMismatch\r\n\r\n--batchresponse_1\r\nContent-ID: 3\r\n\r\nHTTP/1.1 503 Server Busy\r\n\r\n--batchresponse_1--\r\n";
            var statuses = BlobBatchMessage.ParseStatuses("batchresponse_1", answer);
            Assert.Equal(new[] { 0, 1, 2, 3 }, statuses.Keys.OrderBy(k => k));
            Assert.True(statuses[0].Gone);
            Assert.True(statuses[1].Gone);
            Assert.Equal("BlobNotFound", statuses[1].ErrorCode);
            Assert.False(statuses[2].Gone);
            Assert.False(statuses[2].Transient);
            Assert.Equal(("AuthorizationPermissionMismatch", "This request is not authorized."), (statuses[2].ErrorCode, statuses[2].Reason));
            Assert.True(statuses[3].Transient);
        }
    }
}
