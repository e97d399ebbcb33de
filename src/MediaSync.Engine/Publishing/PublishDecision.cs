using System;
using MediaSync.Platform;
using MediaSync.Reporting;

namespace MediaSync.Publishing
{
    internal enum WriteKind { None, Copy, Link }

    /// <summary>The planned fate of one file: an action, its reason, and how it will be written.</summary>
    internal sealed class PublishDecision
    {
        private PublishDecision(PublishAction action, PublishReason reason, WriteKind write, MediaSyncError? error)
        {
            Action = action;
            Reason = reason;
            Write = write;
            Error = error;
        }

        public PublishAction Action { get; }
        public PublishReason Reason { get; }
        public WriteKind Write { get; }
        public MediaSyncError? Error { get; }

        public static PublishDecision Copy(PublishAction action, PublishReason reason) => new PublishDecision(action, reason, WriteKind.Copy, null);
        public static PublishDecision Link(PublishReason reason) => new PublishDecision(PublishAction.Linked, reason, WriteKind.Link, null);
        public static PublishDecision Skip(PublishReason reason) => new PublishDecision(PublishAction.Skipped, reason, WriteKind.None, null);
        public static PublishDecision Fail(MediaSyncError error) => new PublishDecision(PublishAction.Failed, PublishReason.Error, WriteKind.None, error);
    }

    /// <summary>
    /// Pure rules for what to do with one file, given the destination's state. Reading the
    /// destination's hash is passed in, so only the cases that need it pay for it.
    /// </summary>
    internal static class PublishRules
    {
        public static PublishDecision ForCopy(OverwriteStrategy strategy, string key, string target, long sourceLength, DateTime sourceTimeUtc,
            DestinationState destination, bool checksum, Func<string> sourceHash, Func<string> destinationHash)
        {
            switch (destination.Kind)
            {
                case EntryKind.None:
                    return PublishDecision.Copy(PublishAction.Created, PublishReason.New);
                case EntryKind.Directory:
                    return PublishDecision.Fail(Errors.TargetIsFolder(key, target));
                case EntryKind.Link:
                    // Replacing a link (left by an earlier Link-mode run) renames over the link itself, never its target.
                    return strategy == OverwriteStrategy.NewOnly
                        ? PublishDecision.Skip(PublishReason.Exists)
                        : PublishDecision.Copy(PublishAction.Updated, PublishReason.StaleLink);
            }

            if (strategy == OverwriteStrategy.NewOnly) return PublishDecision.Skip(PublishReason.Exists);
            if (strategy == OverwriteStrategy.IfNewer && sourceTimeUtc <= destination.LastWriteTimeUtc) return PublishDecision.Skip(PublishReason.NotNewer);
            if (strategy == OverwriteStrategy.IfChanged)
            {
                if (destination.Length == sourceLength)
                {
                    // MediaSync keeps write times when it copies, so equal size and time mean "ours, unchanged" (rsync's quick check).
                    if (!checksum && destination.LastWriteTimeUtc == sourceTimeUtc) return PublishDecision.Skip(PublishReason.Unchanged);
                    if (string.Equals(sourceHash(), destinationHash(), StringComparison.Ordinal)) return PublishDecision.Skip(PublishReason.Unchanged);
                }
            }
            if (destination.ReadOnly) return PublishDecision.Fail(Errors.TargetReadOnly(key, target));
            var reason = strategy == OverwriteStrategy.IfNewer ? PublishReason.SourceNewer
                : strategy == OverwriteStrategy.IfChanged ? (destination.Length != sourceLength ? PublishReason.SizeChanged : PublishReason.HashChanged)
                : PublishReason.Overwrite;
            return PublishDecision.Copy(PublishAction.Updated, reason);
        }

        public static PublishDecision ForLink(string key, string target, string source, DestinationState destination)
        {
            switch (destination.Kind)
            {
                case EntryKind.None:
                    return PublishDecision.Link(PublishReason.New);
                case EntryKind.Link:
                    return FileLinks.PointsTo(target, source) ? PublishDecision.Skip(PublishReason.AlreadyLinked) : PublishDecision.Link(PublishReason.StaleLink);
                case EntryKind.Directory:
                    return PublishDecision.Fail(Errors.TargetNotALink(key, target, isFolder: true));
                default:
                    // A hard link made by the Windows fallback is the same file as its source.
                    return FileLinks.IsSameFile(target, source)
                        ? PublishDecision.Skip(PublishReason.AlreadyLinked)
                        : PublishDecision.Fail(Errors.TargetNotALink(key, target, isFolder: false));
            }
        }
    }
}
