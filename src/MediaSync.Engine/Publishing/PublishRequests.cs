using System;
using MediaSync.Reporting;
using MediaSync.Stores;

namespace MediaSync.Publishing
{
    /// <summary>
    /// What a publish asks for, to a folder (<c>Publish-Media -Destination</c>) or a store (<c>-Store</c>). Options left
    /// null take the engine's defaults, which differ by destination: a folder deletes at most 100 orphans and works a
    /// few files per core; a store deletes at most 256 and 50% of what it holds, with 16 uploads in flight.
    /// </summary>
    internal sealed class PublishRequest
    {
        public const int DefaultFolderMaxDelete = 100;
        public const int DefaultStoreMaxDelete = 256;
        public const int DefaultStoreMaxDeletePercent = 50;
        public const int DefaultStoreThrottleLimit = 16;
        public static int DefaultFolderThrottleLimit => Math.Max(2, Math.Min(8, Environment.ProcessorCount));

        /// <summary>A publish to the folder <paramref name="destination"/>, or with null to a store given when it runs.</summary>
        public PublishRequest(string? destination = null) => Destination = destination;

        /// <summary>The destination folder, for a folder publish.</summary>
        public string? Destination { get; }

        /// <summary>Folder only: Copy (the default) or Link.</summary>
        public PublishMode Mode { get; set; } = PublishMode.Copy;

        /// <summary>Copy's strategy; null means IfChanged. Setting it in Link mode is an error.</summary>
        public OverwriteStrategy? Overwrite { get; set; }

        /// <summary>Link mode's fallback; null means None. Setting it in Copy mode is an error.</summary>
        public LinkFallback? Fallback { get; set; }

        /// <summary>Compare content even where size and write time (or a store's remembered stamp) say a file is unchanged.</summary>
        public bool Checksum { get; set; }

        /// <summary>Delete what the destination holds beyond the published set, after all writes, under the guards.</summary>
        public bool Delete { get; set; }

        public int? MaxDelete { get; set; }

        /// <summary>-Shard i/N: publish only this part of the keys, with its own state file; a shard never deletes.</summary>
        public Shard? Shard { get; set; }

        /// <summary>-DeleteOnly: list once and delete the orphans of the whole input, under the guards, writing nothing (the job after the shards).</summary>
        public bool DeleteOnly { get; set; }

        /// <summary>Whether orphans are deleted: -Delete, or -DeleteOnly.</summary>
        internal bool Deletes => Delete || DeleteOnly;

        /// <summary>The largest share of what the destination holds a delete may remove; a folder has no such guard unless asked.</summary>
        public int? MaxDeletePercent { get; set; }

        /// <summary>Writes in flight at once.</summary>
        public int? ThrottleLimit { get; set; }

        /// <summary>-WhatIf: plan everything against the real listing, write nothing, return the plan.</summary>
        public bool WhatIf { get; set; }

        /// <summary>Folder only: whether names are told apart by case; null detects it.</summary>
        public bool? CaseSensitiveDestination { get; set; }

        /// <summary>The processing cache's index of file MD5s, for a folder destination's processed files (Sync-Media); null hashes them each run.</summary>
        internal Processing.Cache.FileHashIndex? DestinationHashes { get; set; }

        /// <summary>The folder store of this request's destination.</summary>
        internal Stores.FolderStore OpenFolder() => new Stores.FolderStore(Destination!, CaseSensitiveDestination) { Hashes = Checksum ? null : DestinationHashes };

        /// <summary>The headers objects are served with, where the store keeps them.</summary>
        public HeaderPolicy Headers { get; set; } = new HeaderPolicy();

        /// <summary>The clock for Expires; tests fix it.</summary>
        public DateTime? NowUtc { get; set; }

        /// <summary>The home folder that Clean and -Delete refuse to empty; null is the user's. Tests give one of their own.</summary>
        public string? HomeFolder { get; set; }

        /// <summary>Copy's Clean strategy: the destination is emptied before the publish.</summary>
        internal bool Cleans => Mode == PublishMode.Copy && Overwrite == OverwriteStrategy.Clean;

        /// <summary>A shard never deletes, and -DeleteOnly writes nothing: checked before anything is listed or written.</summary>
        internal void RequireShardArguments()
        {
            if (Shard != null && DeleteOnly)
                throw new MediaSyncException(Errors.ConflictingArguments($"{OptionNames.Of("DeleteOnly")} is the one run after every shard, over the whole input; it takes no {OptionNames.Of("Shard")}."));
            if (Shard != null && Delete) throw new MediaSyncException(Errors.ShardCannotDelete(Shard.ToString()));
            if (DeleteOnly && (Cleans || Mode == PublishMode.Link))
                throw new MediaSyncException(Errors.ConflictingArguments($"{OptionNames.Of("DeleteOnly")} writes nothing, so it takes neither {OptionNames.Of("Overwrite")} Clean nor {OptionNames.Of("Mode")} Link."));
        }

        /// <summary>Every option checked and every default filled in, for this destination.</summary>
        internal PublishSettings Settings(IMediaStore store)
        {
            var folder = Destination != null;
            if (Mode == PublishMode.Link && Overwrite != null)
                throw new MediaSyncException(Errors.ConflictingArguments($"{OptionNames.Of("Overwrite")} applies to {OptionNames.Of("Mode")} Copy; Link mode keeps correct links and replaces stale ones."));
            if (Mode == PublishMode.Copy && Fallback != null)
                throw new MediaSyncException(Errors.ConflictingArguments($"{OptionNames.Of("Fallback")} applies to {OptionNames.Of("Mode")} Link."));
            if (!folder && (Mode == PublishMode.Link || Overwrite != null || CaseSensitiveDestination != null))
                throw new MediaSyncException(Errors.ConflictingArguments($"{OptionNames.Of("Mode")} and {OptionNames.Of("Overwrite")} apply to a folder destination, not to {store.Name}."));
            RequireShardArguments();
            var settings = new PublishSettings
            {
                Diff = new DiffRules
                {
                    Strategy = Overwrite ?? OverwriteStrategy.IfChanged,
                    Link = Mode == PublishMode.Link,
                    LinkFallbackCopy = Fallback == LinkFallback.Copy,
                    Checksum = Checksum,
                    Delete = Deletes,
                    FolderWords = folder,
                },
                Headers = Headers,
                DeleteLimit = MaxDelete ?? (folder ? DefaultFolderMaxDelete : DefaultStoreMaxDelete),
                DeletePercentLimit = MaxDeletePercent ?? (folder ? (int?)null : DefaultStoreMaxDeletePercent),
                Parallelism = ThrottleLimit ?? (folder ? DefaultFolderThrottleLimit : DefaultStoreThrottleLimit),
                WhatIf = WhatIf,
                NowUtc = NowUtc,
                Shard = Shard,
                DeleteOnly = DeleteOnly,
            };
            PublishLimits.Require(settings.DeleteLimit, settings.Parallelism, settings.DeletePercentLimit);
            KeptHeaders.Require(Headers, store);
            if (Deletes && !store.CanDelete)
                throw new MediaSyncException(Errors.ConflictingArguments($"{store.Name} cannot delete (it was made without {OptionNames.Of("Delete")}), so {OptionNames.Of("Delete")} cannot be used with it."));
            return settings;
        }
    }

    /// <summary>A request as the one pipeline runs it: every default filled in.</summary>
    internal sealed class PublishSettings
    {
        public DiffRules Diff { get; set; } = new DiffRules();
        public HeaderPolicy Headers { get; set; } = new HeaderPolicy();
        public int DeleteLimit { get; set; }
        /// <summary>Null: no share-of-the-destination guard (a folder has none by default).</summary>
        public int? DeletePercentLimit { get; set; }
        public int Parallelism { get; set; }
        public bool WhatIf { get; set; }
        public DateTime? NowUtc { get; set; }
        public Shard? Shard { get; set; }
        public bool DeleteOnly { get; set; }
        public bool Delete => Diff.Delete;
        public bool Clean => !Diff.Link && Diff.Strategy == OverwriteStrategy.Clean;
    }
}
