using System;
using System.Collections.Generic;
using System.Linq;
using MediaSync.Content;
using MediaSync.Publishing;
using MediaSync.Reporting;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Publishing
{
    /// <summary>-Shard i/N and -DeleteOnly: the split by a stable hash, and what a shard and the delete-only run may do.</summary>
    public sealed class ShardTests : PublisherFixture
    {
        private static readonly string[] Keys = Enumerable.Range(0, 10_000).Select(i => $"img/{i % 37}/photo-{i}.{(i % 3 == 0 ? "css" : "png")}").ToArray();

        /// <summary>The documented rule, computed another way: SHA-256 of the UTF-8 key, its first 8 bytes big-endian, mod N, plus 1.</summary>
        private static int Expected(string key, int count)
        {
            using var sha = System.Security.Cryptography.SHA256.Create();
            var head = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(key)));
            return (int)(head % (ulong)count) + 1;
        }

        [Fact]
        public void A_keys_part_is_the_documented_hash_so_every_process_and_machine_agrees()
        {
            foreach (var count in new[] { 1, 2, 3, 7 })
                Assert.All(Keys, key => Assert.Equal(Expected(key, count), Shard.Of(key, count)));
            // not string.GetHashCode: that is seeded per process; a non-ASCII key hashes its UTF-8 bytes
            Assert.Equal(Expected("fonts/Über ß.woff2", 5), Shard.Of("fonts/Über ß.woff2", 5));
        }

        [Theory]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(4)]
        public void Ten_thousand_keys_split_roughly_evenly(int count)
        {
            var sizes = Keys.GroupBy(key => Shard.Of(key, count)).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(Enumerable.Range(1, count), sizes.Keys.OrderBy(k => k));
            Assert.All(sizes.Values, size => Assert.InRange(size, Keys.Length / count * 0.9, Keys.Length / count * 1.1));
        }

        [Fact]
        public void A_compressed_twin_goes_with_the_file_it_compresses_and_the_manifest_with_part_one()
        {
            var parts = Enumerable.Range(1, 3).Select(i => Shard.Parse($"{i}/3")).ToArray();
            var moved = 0;
            foreach (var key in Keys.Take(2000))
            {
                var file = InMemory(key, "body {}", Source);
                var twin = file.DeriveVariant(MediaContent.FromBytes(new byte[] { 1 }), "Compress", key + ".gz", "gzip");
                Assert.Equal(parts.Single(p => p.Owns(file)), parts.Single(p => p.Owns(twin)));
                if (Shard.Of(key + ".gz", 3) != Shard.Of(key, 3)) moved++;
            }
            Assert.True(moved > 500, "the twins' own keys would have split them from their files");
            var manifest = MediaSync.Processing.MediaManifest.Export(Tree.PathOf("m/manifest.json"), new List<MediaFile>(), write: false);
            Assert.Equal(new[] { true, false, false }, parts.Select(p => p.Owns(manifest)));
        }

        [Theory]
        [InlineData("0/3")]
        [InlineData("4/3")]
        [InlineData("1/0")]
        [InlineData("-1/2")]
        [InlineData("2")]
        [InlineData("1/2/3")]
        [InlineData(" 1/2")]
        [InlineData("a/b")]
        [InlineData("")]
        public void Anything_but_i_of_N_is_ShardInvalid(string text)
        {
            var error = Assert.Throws<MediaSyncException>(() => Shard.Parse(text)).Error;
            Assert.Equal("MediaSync.ShardInvalid", error.Id);
            Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        }

        [Fact]
        public void The_parts_publish_every_file_once_and_together_what_one_run_publishes()
        {
            for (var i = 0; i < 60; i++) Tree.Write($"src/d{i % 4}/f{i}.css", "x" + i);
            var whole = Publish().Select(r => r.RelativePath).OrderBy(k => k, StringComparer.Ordinal).ToList();
            System.IO.Directory.Delete(Out, recursive: true);

            var parts = Enumerable.Range(1, 3).Select(i => Publish(r => r.Shard = Shard.Parse($"{i}/3")).Where(r => r.Action == PublishAction.Created).Select(r => r.RelativePath).ToList()).ToList();

            Assert.All(parts, part => Assert.NotEmpty(part));
            Assert.Equal(whole, parts.SelectMany(p => p).OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal(whole, Tree.Files("out"));
            Assert.All(Enumerable.Range(1, 3), i => Assert.DoesNotContain(Publish(r => r.Shard = Shard.Parse($"{i}/3")), r => r.Action != PublishAction.Skipped));
        }

        [Fact]
        public void A_shard_with_Delete_is_refused_before_anything_is_listed_or_written()
        {
            Tree.Write("out/orphan.css", "x");
            var request = new PublishRequest(Out) { Delete = true, Shard = Shard.Parse("2/3") };

            var error = Assert.Throws<MediaSyncException>(() => Publisher.StartListing(request, null, default, new[] { Source })).Error;
            Assert.Equal("MediaSync.ShardCannotDelete", error.Id);
            Assert.Contains("-DeleteOnly", error.RecommendedAction);
            Assert.Throws<MediaSyncException>(() => Publish(r => { r.Delete = true; r.Shard = Shard.Parse("1/2"); }));
            Assert.Equal(new[] { "orphan.css" }, Tree.Files("out"));
        }

        [Fact]
        public void DeleteOnly_deletes_the_orphans_of_the_whole_input_and_writes_nothing()
        {
            for (var i = 0; i < 12; i++) Tree.Write($"src/f{i}.css", "x" + i);
            Publish();
            System.IO.File.Delete(Tree.PathOf("src/f3.css"));
            Tree.Write("src/f5.css", "changed, but -DeleteOnly writes nothing", minutes: 5);
            Tree.Write("src/new.css", "not written either");

            var results = Publish(r => r.DeleteOnly = true);

            Assert.Equal(new[] { "Deleted f3.css" }, results.Select(r => $"{r.Action} {r.RelativePath}"));
            Assert.Equal("x5", Tree.Read("out/f5.css"));
            Assert.False(Tree.Exists("out/new.css"));
            Assert.Empty(Host.Errors);
        }

        [Fact]
        public void DeleteOnly_keeps_the_delete_guards()
        {
            for (var i = 0; i < 5; i++) Tree.Write($"out/old{i}.css", "x");
            Tree.Write("src/a.css", "a");

            Publish(r => { r.DeleteOnly = true; r.MaxDelete = 3; });
            Assert.Equal("MediaSync.DeleteLimitExceeded", Host.ErrorIds.Single());
            Publish(r => r.DeleteOnly = true, files: Array.Empty<MediaFile>());
            Assert.Equal("MediaSync.NothingToPublish", Host.ErrorIds.Single());
            Assert.Equal(5, Tree.Files("out").Length);
            Assert.Equal("MediaSync.ConflictingArguments",
                Assert.Throws<MediaSyncException>(() => Publish(r => { r.DeleteOnly = true; r.Shard = Shard.Parse("1/2"); })).Error.Id);
        }
    }
}
