using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Amazon.S3;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MediaSync.Publishing;
using MediaSync.Reporting;
using MediaSync.Stores;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Stores
{
    /// <summary>
    /// A missing S3 bucket or Azure container is a StoreListFailed that names -Create; with -Create it is made, private,
    /// before the first write, and a dry run only says it would.
    /// </summary>
    [Collection("ceph")]
    public sealed class CreateStoreTests
    {
        private readonly CephGateway _ceph;
        private readonly AzuriteServer _azurite;
        private readonly RecordingHost _host = new RecordingHost();

        public CreateStoreTests(CephGateway ceph, AzuriteServer azurite)
        {
            _ceph = ceph;
            _azurite = azurite;
        }

        private static string FreshName() => "mediasync-new-" + Guid.NewGuid().ToString("N").Substring(0, 12);

        private static List<MediaFile> Site() => new List<MediaFile>
        {
            TestMedia.InMemory("index.html", "<p>", DateTime.UtcNow), TestMedia.InMemory("css/site.css", "body{}", DateTime.UtcNow),
        };

        private PublishResult[] Publish(IMediaStore store, bool whatIf = false)
        {
            if (whatIf) _host.Approve = false;
            return Publisher.Publish(new PublishRequest { WhatIf = whatIf }, Site(), store, _host).ToArray();
        }

        private S3StoreOptions S3(string bucket, bool create)
        {
            var options = _ceph.Options(bucket);
            options.Create = create;
            return options;
        }

        private AzureBlobStoreOptions Azure(string container, bool create) =>
            new AzureBlobStoreOptions { Container = container, ConnectionString = _azurite.ConnectionString, Create = create };

        [Fact]
        public void A_missing_bucket_is_store_list_failed_naming_create_and_nothing_is_made()
        {
            var bucket = FreshName();
            using var store = new S3Store(S3(bucket, create: false));

            var error = Assert.Throws<MediaSyncException>(() => Publish(store)).Error;

            Assert.Equal("MediaSync.StoreListFailed", error.Id);
            Assert.Contains($"the bucket '{bucket}' does not exist", error.Message);
            Assert.Contains("-Create", error.RecommendedAction);
            Assert.Throws<MediaSyncException>(() => Publish(store));   // still not there
        }

        [Fact]
        public async System.Threading.Tasks.Task With_create_a_missing_bucket_is_made_private_and_published_to_and_a_dry_run_makes_nothing()
        {
            var bucket = FreshName();
            using var store = new S3Store(S3(bucket, create: true));

            var plan = Publish(store, whatIf: true);
            Assert.All(plan, r => Assert.True(r.WhatIf));
            Assert.Contains(_host.Asked, a => a == $"Create (private): s3://{bucket}/");
            using (var without = new S3Store(S3(bucket, create: false)))
                Assert.Equal("MediaSync.StoreListFailed", Assert.Throws<MediaSyncException>(() => Publish(without)).Error.Id);

            _host.Approve = true;
            Assert.All(Publish(store), r => Assert.Equal(PublishAction.Created, r.Action));

            Assert.Equal(new[] { "css/site.css", "index.html" }, store.List(CancellationToken.None).Select(o => o.Key));
            Assert.All(Publish(store), r => Assert.Equal(PublishReason.Unchanged, r.Reason));
            using var sdk = new AmazonS3Client(_ceph.AccessKey, _ceph.SecretKey, new AmazonS3Config { ServiceURL = _ceph.Endpoint, ForcePathStyle = true });
            var acl = await sdk.GetBucketAclAsync(new Amazon.S3.Model.GetBucketAclRequest { BucketName = bucket });
            Assert.NotEmpty(acl.Grants);
            Assert.DoesNotContain(acl.Grants, g => (g.Grantee.URI ?? "").Contains("AllUsers") || (g.Grantee.URI ?? "").Contains("AuthenticatedUsers"));
        }

        [Fact]
        public void A_missing_container_is_store_list_failed_naming_create()
        {
            var container = FreshName();
            var store = new AzureBlobStore(Azure(container, create: false));

            var error = Assert.Throws<MediaSyncException>(() => Publish(store)).Error;

            Assert.Equal("MediaSync.StoreListFailed", error.Id);
            Assert.Contains($"the container '{container}' does not exist", error.Message);
            Assert.Contains("-Create", error.RecommendedAction);
        }

        [Fact]
        public void With_create_a_missing_container_is_made_with_no_public_access_and_an_existing_one_keeps_its_access()
        {
            var container = FreshName();
            var store = new AzureBlobStore(Azure(container, create: true));
            var client = new BlobContainerClient(_azurite.ConnectionString, container);

            Publish(store, whatIf: true);
            Assert.False(client.Exists().Value);

            _host.Approve = true;
            Assert.All(Publish(store), r => Assert.Equal(PublishAction.Created, r.Action));

            Assert.Equal(PublicAccessType.None, client.GetAccessPolicy().Value.BlobPublicAccess);
            Assert.Equal(new[] { "css/site.css", "index.html" }, store.List(CancellationToken.None).Select(o => o.Key));

            var open = _azurite.NewStore(configure: o => o.Create = true);   // made with public blobs
            Publish(open);
            Assert.Equal(PublicAccessType.Blob, new BlobContainerClient(_azurite.ConnectionString, open.Name.Split('/')[3]).GetAccessPolicy().Value.BlobPublicAccess);
        }
    }
}
