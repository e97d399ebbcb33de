using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using MediaSync.Content;
using MediaSync.Stores;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Stores
{
    /// <summary>
    /// The one suite every store passes. A store's test class derives from this and says how to make the store;
    /// real servers (Ceph RGW, script stores) join with their own derived classes.
    /// </summary>
    public abstract class StoreConformance : IDisposable
    {
        protected readonly TempTree Tree = new TempTree();
        private IMediaStore? _store;

        protected abstract IMediaStore CreateStore();

        protected IMediaStore Store => _store ??= CreateStore();

        public virtual void Dispose() => Tree.Dispose();

        private static readonly Dictionary<string, string> CssHeaders = new Dictionary<string, string>
        {
            ["Content-Type"] = "text/css; charset=utf-8",
            ["Cache-Control"] = "public, max-age=31536000",
        };

        protected static StorePut Put(string key, string text, IReadOnlyDictionary<string, string>? headers = null) => Put(key, Encoding.UTF8.GetBytes(text), headers);

        protected static StorePut Put(string key, byte[] bytes, IReadOnlyDictionary<string, string>? headers = null) =>
            new StorePut(key, new MemoryContent(bytes), Md5(bytes), headers ?? CssHeaders);

        protected static string Md5(byte[] bytes) => TestMedia.Md5(bytes);

        private StoredObject[] List() => Store.List(CancellationToken.None).ToArray();

        [Fact]
        public void An_empty_store_lists_nothing() => Assert.Empty(List());

        [Fact]
        public void Put_objects_are_listed_with_size_and_md5()
        {
            Store.Put(Put("css/site.css", "body{}"), CancellationToken.None);

            var listed = Assert.Single(List());
            Assert.Equal("css/site.css", listed.Key);
            Assert.Equal(6, listed.Size);
            Assert.Equal(Md5(Encoding.UTF8.GetBytes("body{}")), listed.Md5);
        }

        [Fact]
        public void A_put_replaces_the_object_with_its_key()
        {
            Store.Put(Put("a.css", "old"), CancellationToken.None);
            Store.Put(Put("a.css", "newer"), CancellationToken.None);

            var listed = Assert.Single(List());
            Assert.Equal(5, listed.Size);
            Assert.Equal(Md5(Encoding.UTF8.GetBytes("newer")), listed.Md5);
        }

        [Fact]
        public void Listing_is_in_ordinal_key_order_with_nested_and_unusual_names()
        {
            var keys = new[] { "z.css", "a b/c d.css", "café/straße.css", "日本語.js", "100%+&;=#.png", "A.css", "deep/er/still/x.js" };
            foreach (var key in keys) Store.Put(Put(key, key), CancellationToken.None);

            Assert.Equal(keys.OrderBy(k => k, StringComparer.Ordinal), List().Select(o => o.Key));
            Assert.All(List(), o => Assert.Equal(Md5(Encoding.UTF8.GetBytes(o.Key)), o.Md5));
        }

        /// <summary>Names bench/chaos.sh's hostile tree holds; one uploaded under a control character broke Azurite's listing for good.</summary>
        public static readonly string[] HostileKeys =
        {
            "ctl-\u0001.css", "new\nline.css", "tab\there.css", "trailing.", "dotted./x.css", "trailing ", "-rf.css",
            new string('a', 251) + ".css", "Twin.css", "twin.css",
        };

        [Fact]
        public void Hostile_names_are_stored_as_they_are_or_refused_up_front_and_the_store_stays_listable()
        {
            var limits = Store as IKeyLimitedStore;
            var stored = HostileKeys.Where(key => limits?.RefuseKey(key) == null).ToList();
            Assert.All(HostileKeys.Except(stored), key => Assert.False(string.IsNullOrWhiteSpace(limits!.RefuseKey(key))));
            foreach (var key in stored) Store.Put(Put(key, key), CancellationToken.None);

            var listed = List();
            Assert.Equal(stored.OrderBy(k => k, StringComparer.Ordinal), listed.Select(o => o.Key));
            Assert.All(listed, o => Assert.Equal(Md5(Encoding.UTF8.GetBytes(o.Key)), o.Md5));
            Store.Delete(stored, CancellationToken.None);
            Assert.Empty(List());
        }

        [Fact]
        public void Delete_removes_a_batch_and_ignores_keys_that_are_not_there()
        {
            foreach (var key in new[] { "a.css", "b.css", "c/d.css" }) Store.Put(Put(key, key), CancellationToken.None);

            Store.Delete(new[] { "a.css", "c/d.css", "never-there.css" }, CancellationToken.None);

            Assert.Equal(new[] { "b.css" }, List().Select(o => o.Key));
        }

        [Fact]
        public void Large_objects_keep_their_bytes()
        {
            var bytes = new byte[6 * 1024 * 1024 + 17];
            new Random(5).NextBytes(bytes);

            Store.Put(Put("video/big.mp4", bytes), CancellationToken.None);

            var listed = Assert.Single(List());
            Assert.Equal(bytes.Length, listed.Size);
            Assert.Equal(Md5(bytes), listed.Md5);
        }

        [Fact]
        public void Headers_round_trip_where_the_store_keeps_them()
        {
            Store.Put(Put("a.css", "x"), CancellationToken.None);
            var listed = Assert.Single(List());
            if (!Store.KeepsHeaders)
            {
                Assert.Empty(listed.Headers);
                return;
            }
            Assert.Equal("text/css; charset=utf-8", listed.Headers["content-type"]);
            Assert.Equal("public, max-age=31536000", listed.Headers["Cache-Control"]);
        }

        [Fact]
        public void Every_header_the_store_declares_it_keeps_round_trips()
        {
            if (Store is not IDeclaresKeptHeaders declared)
            {
                Assert.False(Store is IDeclaresKeptHeaders);
                return;
            }
            var sent = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in declared.KeptHeaders)
                sent[name.EndsWith("*") ? name.TrimEnd('*') + "origin" : name] = ExampleValue(name);

            Store.Put(Put("kept.html", "<p>", sent), CancellationToken.None);

            var listed = Assert.Single(List());
            foreach (var header in sent)
                Assert.True(listed.Headers.TryGetValue(header.Key, out var value) && value == header.Value,
                    $"{header.Key}: sent '{header.Value}', listed '{value}'");
        }

        private static string ExampleValue(string header) => header.ToLowerInvariant() switch
        {
            "content-type" => "text/html; charset=utf-8",
            "cache-control" => "no-cache",
            "content-encoding" => "identity",
            "content-disposition" => "inline",
            "content-language" => "de-CH",
            "expires" => "Thu, 01 Jan 2037 00:00:00 GMT",
            "x-amz-website-redirect-location" => "/elsewhere.html",
            _ => "mediasync-test",
        };

        [Fact]
        public void Header_updates_keep_the_content_where_the_store_can_make_them()
        {
            Store.Put(Put("a.css", "keep"), CancellationToken.None);
            if (Store is not IHeaderUpdatingStore updating)
            {
                Assert.False(Store is IHeaderUpdatingStore);
                return;
            }
            updating.UpdateHeaders("a.css", new Dictionary<string, string> { ["Content-Type"] = "text/css; charset=utf-8", ["Cache-Control"] = "no-cache" }, CancellationToken.None);

            var listed = Assert.Single(List());
            Assert.Equal("no-cache", listed.Headers["Cache-Control"]);
            Assert.Equal(Md5(Encoding.UTF8.GetBytes("keep")), listed.Md5);
        }
    }

    public sealed class MemoryStoreConformance : StoreConformance
    {
        protected override IMediaStore CreateStore() => new MemoryStore();
    }

    public sealed class FolderStoreConformance : StoreConformance
    {
        protected override IMediaStore CreateStore() => new FolderStore(Tree.PathOf("store"));

        [Fact]
        public void Writes_leave_no_temp_files_and_hidden_names_are_not_listed()
        {
            Store.Put(Put("a.css", "x"), CancellationToken.None);
            Tree.Write("store/.htaccess", "not ours");

            Assert.Equal(new[] { ".htaccess", "a.css" }, Tree.Files("store"));
            Assert.Equal(new[] { "a.css" }, Store.List(CancellationToken.None).Select(o => o.Key));
        }

        [Fact]
        public void A_put_keeps_the_sources_write_time_as_a_folder_publish_does()
        {
            var written = new DateTime(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc);
            var bytes = Encoding.UTF8.GetBytes("body{}");
            Store.Put(new StorePut("css/site.css", new MemoryContent(bytes), Md5(bytes), new Dictionary<string, string>(), lastWriteTimeUtc: written), CancellationToken.None);

            Assert.Equal(written, System.IO.File.GetLastWriteTimeUtc(Tree.PathOf("store/css/site.css")));
            Assert.Equal(written, Assert.Single(Store.List(CancellationToken.None)).LastModifiedUtc);
        }

        [Fact]
        public void Deletes_prune_the_folders_they_empty_and_never_the_store_itself()
        {
            Store.Put(Put("old/deep/a.css", "a"), CancellationToken.None);
            Store.Put(Put("old/b.css", "b"), CancellationToken.None);
            Store.Put(Put("keep/c.css", "c"), CancellationToken.None);

            Store.Delete(new[] { "old/deep/a.css", "old/b.css", "keep/c.css" }, CancellationToken.None);

            Assert.False(System.IO.Directory.Exists(Tree.PathOf("store/old")));
            Assert.False(System.IO.Directory.Exists(Tree.PathOf("store/keep")));
            Assert.True(System.IO.Directory.Exists(Tree.PathOf("store")));
        }
    }
}
