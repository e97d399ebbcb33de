using System;
using System.Collections.Generic;

namespace MediaSync.Publishing
{
    /// <summary>
    /// The first step of every publish: which of the incoming files are published. Deleted and shadowed files are not;
    /// a key that comes in twice is published once and the other reported as DuplicateKey; where the destination does
    /// not tell letter case apart, a key that differs from another only in case is reported as CaseConflict, so
    /// neither overwrites the other; a key the store cannot hold (<see cref="Stores.IKeyLimitedStore"/>) fails with KeyNotStorable.
    /// </summary>
    internal sealed class PublishSelection
    {
        private PublishSelection(List<MediaFile> files, HashSet<string> keys, List<PublishResult> skipped, List<PublishResult> refused)
        {
            Files = files;
            Keys = keys;
            Skipped = skipped;
            Refused = refused;
        }

        /// <summary>The files to publish, in the order they came.</summary>
        public List<MediaFile> Files { get; }

        /// <summary>Their keys, compared as the destination compares names.</summary>
        public HashSet<string> Keys { get; }

        /// <summary>The duplicates and case twins, as results.</summary>
        public List<PublishResult> Skipped { get; }

        /// <summary>The keys the store cannot hold, as failed results with their errors.</summary>
        public List<PublishResult> Refused { get; }

        /// <summary>
        /// Selects from <paramref name="files"/> for <paramref name="destination"/>; <paramref name="caseSensitive"/> says
        /// whether it tells letter case apart, and <paramref name="destinationOf"/> where a key would be published (a path
        /// or a URL), for the skipped results.
        /// </summary>
        public static PublishSelection Of(IReadOnlyList<MediaFile> files, Stores.IMediaStore destination, bool caseSensitive, Func<string, string> destinationOf,
            Reporting.IEngineHost host)
        {
            var limits = destination as Stores.IKeyLimitedStore;
            var refused = new List<PublishResult>();
            var publishable = new List<MediaFile>(files.Count);
            var keys = new HashSet<string>(caseSensitive ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
            var exact = new Dictionary<string, MediaFile>(StringComparer.Ordinal);
            var skipped = new List<PublishResult>();
            foreach (var file in files)
            {
                if (file.Deleted) continue;
                if (file.IsOverridden)
                {
                    host.WriteVerbose($"'{file.FullName}' is shadowed by another file with key '{file.RelativePath}'; not published.");
                    continue;
                }
                if (exact.TryGetValue(file.RelativePath, out var first))
                {
                    host.WriteWarning($"'{file.RelativePath}' came in twice ('{first.FullName}' and '{file.FullName}'); the first is published.");
                    skipped.Add(new PublishResult(PublishAction.Skipped, PublishReason.DuplicateKey, file.RelativePath, destinationOf(file.RelativePath), 0, file.FullName));
                    continue;
                }
                exact.Add(file.RelativePath, file);
                if (!keys.Add(file.RelativePath))
                {
                    host.WriteWarning($"'{file.RelativePath}' differs from another key only in letter case, and '{destination.Name}' does not tell them apart; it was skipped so neither overwrites the other.");
                    skipped.Add(new PublishResult(PublishAction.Skipped, PublishReason.CaseConflict, file.RelativePath, destinationOf(file.RelativePath), 0, file.FullName));
                    continue;
                }
                if (limits?.RefuseKey(file.RelativePath) is string problem)
                {
                    refused.Add(new PublishResult(PublishAction.Failed, PublishReason.Error, file.RelativePath, destinationOf(file.RelativePath), 0, file.FullName,
                        error: Reporting.Errors.KeyNotStorable(file.RelativePath, destination.Name, problem)));
                    continue;
                }
                publishable.Add(file);
            }
            return new PublishSelection(publishable, keys, skipped, refused);
        }
    }
}
