using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MediaSync.Reporting;
using MediaSync.Stores;

namespace MediaSync.Publishing
{
    /// <summary>
    /// One part of a publish split across N parallel runs (-Shard i/N, e.g. an Azure Pipelines matrix job). A key belongs
    /// to the part its stable hash falls in: the first eight bytes of the SHA-256 of its UTF-8, mod N, so every process,
    /// machine and runtime agrees (string.GetHashCode differs per process). A compressed twin follows the file it
    /// compresses, and the manifest goes with part 1, where it is still written after that part's files.
    /// </summary>
    internal sealed class Shard
    {
        private Shard(int index, int count)
        {
            Index = index;
            Count = count;
        }

        /// <summary>This run's part, from 1.</summary>
        public int Index { get; }

        /// <summary>How many parts there are.</summary>
        public int Count { get; }

        /// <summary>The state file this part keeps, so parallel parts never overwrite each other's memory.</summary>
        public string StateKey => $"{StoreState.Folder}state.{Index}-of-{Count}.json";

        /// <summary>"i/N" with 1 &lt;= i &lt;= N; anything else is <see cref="Errors.ShardInvalid"/>.</summary>
        public static Shard Parse(string? text)
        {
            var parts = (text ?? "").Split('/');
            if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && index >= 1 && index <= count)
                return new Shard(index, count);
            throw new MediaSyncException(Errors.ShardInvalid(text ?? ""));
        }

        /// <summary>Whether this part publishes <paramref name="file"/>.</summary>
        public bool Owns(MediaFile file) => file.IsManifest ? Index == 1 : Owns(file.VariantOf ?? file.RelativePath);

        /// <summary>Whether this part publishes what is at <paramref name="key"/>.</summary>
        public bool Owns(string key) => Of(key, Count) == Index;

        /// <summary>The part (1 to <paramref name="count"/>) that <paramref name="key"/> belongs to.</summary>
        public static int Of(string key, int count)
        {
            byte[] digest;
            using (var sha = SHA256.Create()) digest = sha.ComputeHash(Encoding.UTF8.GetBytes(key));
            ulong head = 0;
            for (var i = 0; i < 8; i++) head = head << 8 | digest[i];
            return (int)(head % (ulong)count) + 1;
        }

        /// <summary>Keeps only this part's files, and the duplicates and refusals reported at its keys, so each is reported by one part.</summary>
        public void Keep(PublishSelection selection)
        {
            selection.Files.RemoveAll(file => !Owns(file));
            selection.Skipped.RemoveAll(result => !Owns(result.RelativePath));
            selection.Refused.RemoveAll(result => !Owns(result.RelativePath));
        }

        /// <summary>Points a store that keeps a state file at this part's, or at the whole publish's when <paramref name="shard"/> is null.</summary>
        public static void UseState(IMediaStore? store, Shard? shard)
        {
            if (store is IShardedStateStore stateful) stateful.StateKey = shard?.StateKey ?? StoreState.Key;
        }

        public override string ToString() => $"{Index}/{Count}";
    }
}
