using System;
using System.Linq;
using System.IO;

namespace MediaSync.Reporting
{
    /// <summary>
    /// Every error MediaSync raises, with its stable id. Ids are public contract: add new ones,
    /// never rename old ones.
    /// </summary>
    internal static class Errors
    {
        private const string Prefix = "MediaSync.";

        /// <summary>Every error is made here, and every one is redacted here: no SAS signature (sig=) survives in any part of it.</summary>
        private static MediaSyncError Make(string id, ErrorKind kind, string message, object? target,
            Exception? exception = null, string? recommendedAction = null) =>
            new MediaSyncError(Prefix + id, kind, Redaction.Text(message), Redaction.Target(target), Redaction.Exception(exception),
                recommendedAction == null ? null : Redaction.Text(recommendedAction));

        // ---- discovery (bad arguments are terminating) ----
        public static MediaSyncError RootNotFound(string path) =>
            Make(nameof(RootNotFound), ErrorKind.NotFound, $"Media root '{path}' does not exist.", path);

        public static MediaSyncError NotAGitWorkTree(string path) =>
            Make(nameof(NotAGitWorkTree), ErrorKind.InvalidArgument, $"{OptionNames.Of("ChangedSince")} needs a git work tree or a Subversion working copy, and '{path}' is in neither.", path,
                recommendedAction: $"Run it on media inside a git clone or an svn checkout, or leave out {OptionNames.Of("ChangedSince")}.");

        public static MediaSyncError UnknownRevision(string revision, string repository, bool svn = false) =>
            svn ? Make(nameof(UnknownRevision), ErrorKind.NotFound, $"'{revision}' is not a revision of the Subversion working copy '{repository}'.", revision,
                    recommendedAction: "Name a revision number, a date in braces, or HEAD/BASE/PREV.")
                : Make(nameof(UnknownRevision), ErrorKind.NotFound, $"'{revision}' is not a commit in the git repository '{repository}'.", revision,
                    recommendedAction: "Name a commit, tag or branch that exists there (a shallow clone may need 'git fetch --unshallow').");

        public static MediaSyncError GitNotFound(Exception exception) =>
            Make(nameof(GitNotFound), ErrorKind.NotFound, $"{OptionNames.Of("ChangedSince")} runs git, and git could not be started: {exception.Message}", "git", exception,
                recommendedAction: "Install git and make sure it is on PATH.");

        public static MediaSyncError VersionControlNotFound(string tool, Exception exception) =>
            Make(nameof(VersionControlNotFound), ErrorKind.NotFound, $"{OptionNames.Of("ChangedSince")} runs {tool}, and it could not be started: {exception.Message}", tool, exception,
                recommendedAction: tool == "svn" ? "Install Subversion (Debian: apt-get install subversion)." : null);

        public static MediaSyncError SvnFailed(string command, string message) =>
            Make(nameof(SvnFailed), ErrorKind.InvalidOperation, $"svn {command} failed: {message}", command);

        public static MediaSyncError GitFailed(string command, string message) =>
            Make(nameof(GitFailed), ErrorKind.InvalidOperation, $"git {command} failed: {message}", command);

        public static MediaSyncError RootIsFile(string path) =>
            Make(nameof(RootIsFile), ErrorKind.InvalidArgument, $"Media root '{path}' is a file; give the folder that holds the media.", path);

        public static MediaSyncError AppNotFound(string path) =>
            Make(nameof(AppNotFound), ErrorKind.NotFound, $"App folder '{path}' does not exist.", path);

        public static MediaSyncError AppSettingsInvalid(string path, string problem, Exception? exception = null) =>
            Make(nameof(AppSettingsInvalid), ErrorKind.InvalidData, $"App settings file '{path}' is not valid: {problem}", path, exception);

        public static MediaSyncError InvalidMediaDirectoryName(string name) =>
            Make(nameof(InvalidMediaDirectoryName), ErrorKind.InvalidArgument,
                $"Media directory name '{name}' must be a single folder name, without separators or '..'.", name);

        public static MediaSyncError NoRoots() =>
            Make(nameof(NoRoots), ErrorKind.InvalidArgument, $"Give at least one media root ({OptionNames.Of("Path")}/{OptionNames.Of("LiteralPath")}) or app ({OptionNames.Of("App")}).", null);

        public static MediaSyncError SymlinkLoop(string path, string target) =>
            Make(nameof(SymlinkLoop), ErrorKind.InvalidData,
                $"Skipped '{path}': it links to '{target}', which contains it (a symbolic-link loop).", path);

        public static MediaSyncError NotAFile(string path) =>
            Make(nameof(NotAFile), ErrorKind.InvalidData, $"Skipped '{path}': it is a FIFO, a device or a socket, not a file; reading it could wait forever.", path);

        public static MediaSyncError BrokenLink(string path) =>
            Make(nameof(BrokenLink), ErrorKind.NotFound, $"Skipped '{path}': it is a symbolic link whose target does not exist.", path);

        public const string UnreadableFolderId = Prefix + nameof(UnreadableFolder);

        public static MediaSyncError UnreadableFolder(string path, Exception exception) =>
            Make(nameof(UnreadableFolder), ErrorKind.PermissionDenied, $"Skipped folder '{path}': {exception.Message}", path, exception);

        public static MediaSyncError InvalidName(string path, string problem) =>
            Make(nameof(InvalidName), ErrorKind.InvalidData, $"Skipped '{path}': {problem}.", path);

        public static MediaSyncError UndecodableName(string path) =>
            Make(nameof(UndecodableName), ErrorKind.InvalidData,
                $"Skipped '{path}': its name holds bytes that are not UTF-8 (shown as \uFFFD), so it cannot be opened by name.", path,
                recommendedAction: "Rename it to a UTF-8 name, for example with 'convmv -f latin1 -t utf8 --notest'.");

        public static MediaSyncError PathTooLong(string path, bool isFolder) =>
            Make(nameof(PathTooLong), ErrorKind.InvalidData,
                $"Skipped {(isFolder ? "folder" : "file")} '{Platform.UnreachableNames.Abbreviate(path)}'{(isFolder ? " and all it holds" : "")}: its path is "
                + $"{Platform.UnreachableNames.PathBytes(path)} bytes, over the {Platform.UnreachableNames.MaxPathBytes} this system allows.", path,
                recommendedAction: "Move it to a shallower folder or shorten the folder names above it.");

        // ---- publishing: arguments and refusals ----
        public static MediaSyncError KeyNotStorable(string key, string store, string problem) =>
            Make(nameof(KeyNotStorable), ErrorKind.InvalidData, $"Could not publish '{key}' to {store}: {problem}. Nothing was written for it.", key,
                recommendedAction: "Rename the file, or exclude it with -Exclude.");

        public static MediaSyncError DestinationIsFile(string path) =>
            Make(nameof(DestinationIsFile), ErrorKind.InvalidArgument, $"Destination '{path}' is a file; give a folder.", path);

        public static MediaSyncError CleanRefused(string destination, string why) =>
            Make(nameof(CleanRefused), ErrorKind.InvalidArgument,
                $"Refusing {OptionNames.Of("Overwrite")} Clean on '{destination}': {why}.", destination,
                recommendedAction: "Publish into a dedicated folder that holds nothing but published media.");

        public static MediaSyncError NothingToPublish(string destination, string operation) =>
            Make(nameof(NothingToPublish), ErrorKind.InvalidOperation,
                $"No media files came in, so nothing is {operation} in '{destination}'. An empty or missing source never deletes anything.",
                destination);

        public static MediaSyncError ConflictingArguments(string message) =>
            Make(nameof(ConflictingArguments), ErrorKind.InvalidArgument, message, null);

        public static MediaSyncError ShardInvalid(string text) =>
            Make(nameof(ShardInvalid), ErrorKind.InvalidArgument, $"{OptionNames.Of("Shard")} takes i/N, this run's part i of N (1 <= i <= N), not '{text}'.", text,
                recommendedAction: $"For example {OptionNames.Of("Shard")} 2/4 for the second of four parallel runs.");

        /// <summary>A shard sees a part of the files, so every other part's keys would look like orphans to it.</summary>
        public static MediaSyncError ShardCannotDelete(string shard) =>
            Make(nameof(ShardCannotDelete), ErrorKind.InvalidArgument,
                $"{OptionNames.Of("Shard")} {shard} publishes a part of the files, so it never deletes: the other parts' files would look like orphans to it. Nothing was written.", shard,
                recommendedAction: $"Leave out {OptionNames.Of("Delete")} (and the Delete setting) in the shards, and run {OptionNames.Of("DeleteOnly")} once after all of them.");

        // ---- publishing: per file ----
        public static MediaSyncError SourceUnreadable(string key, string path, Exception exception) =>
            Make(nameof(SourceUnreadable), ErrorKind.ReadError, $"Could not read '{path}' for '{key}': {exception.Message}", key, exception);

        /// <summary>The source was rewritten while it was read: nothing was written for it, and the next run publishes it.</summary>
        public static MediaSyncError SourceChanged(string key, string path, Exception exception) =>
            Make(nameof(SourceChanged), ErrorKind.ReadError, $"'{path}' changed while '{key}' was being published, so it was not written; the next run publishes it. {exception.Message}", key, exception);

        /// <summary>The <see cref="Content.SourceChangedException"/> an SDK or HTTP client wrapped, if any.</summary>
        internal static Exception? SourceChangeIn(Exception exception)
        {
            for (var e = exception; e != null; e = e is AggregateException many && many.InnerExceptions.Count > 0 ? many.InnerExceptions[0] : e.InnerException)
                if (e is Content.SourceChangedException) return e;
            return null;
        }

        public static MediaSyncError TargetReadOnly(string key, string path) =>
            Make(nameof(TargetReadOnly), ErrorKind.PermissionDenied,
                $"'{path}' is read-only, so '{key}' was not written.", key,
                recommendedAction: "Clear the read-only attribute if the file may be replaced.");

        public static MediaSyncError TargetIsFolder(string key, string path) =>
            Make(nameof(TargetIsFolder), ErrorKind.ResourceExists, $"'{path}' is a folder, so the file '{key}' cannot be written there.", key);

        public static MediaSyncError TargetNotALink(string key, string path, bool isFolder) =>
            Make(nameof(TargetNotALink), ErrorKind.ResourceExists,
                $"'{path}' is an existing {(isFolder ? "folder" : "regular file")}; Link mode never replaces files or folders, so '{key}' was not linked.",
                key, recommendedAction: $"Remove it yourself, or publish with {OptionNames.Of("Mode")} Copy.");

        public static MediaSyncError LinkNeedsFile(string key) =>
            Make(nameof(LinkNeedsFile), ErrorKind.InvalidOperation,
                $"'{key}' has processed content that exists only in memory, so it cannot be linked.", key,
                recommendedAction: $"Use {OptionNames.Of("Fallback")} Copy, or {OptionNames.Of("Mode")} Copy.");

        public static MediaSyncError LinkFailed(string key, string path, Exception exception) =>
            Make(nameof(LinkFailed), ErrorKind.WriteError,
                $"Could not link '{path}' for '{key}': {exception.Message}", key, exception,
                recommendedAction: $"Enable symbolic links (Developer Mode on Windows), keep source and destination on one volume, or use {OptionNames.Of("Fallback")} Copy.");

        public static MediaSyncError WriteFailed(string key, string path, Exception exception) =>
            Make(nameof(WriteFailed), ErrorKind.WriteError, $"Could not write '{path}' for '{key}': {exception.Message}", key, exception);

        public static MediaSyncError DeleteFailed(string path, Exception exception) =>
            Make(nameof(DeleteFailed), ErrorKind.WriteError, $"Could not delete '{path}': {exception.Message}", path, exception);

        // ---- delete guards ----
        public static MediaSyncError DeleteLimitExceeded(int count, int limit, string destination) =>
            Make(nameof(DeleteLimitExceeded), ErrorKind.LimitsExceeded,
                $"{count} orphaned files in '{destination}' exceed {OptionNames.Of("MaxDelete")} {limit}; nothing was deleted.", destination,
                recommendedAction: $"Check the source is complete, then raise {OptionNames.Of("MaxDelete")} to at least {count}.");

        /// <summary>A delete refusal that also names the orphans it kept: the first few, and how many more.</summary>
        internal static MediaSyncError KeptOrphans(MediaSyncError refusal, System.Collections.Generic.IReadOnlyList<string> kept)
        {
            const int named = 5;
            var names = string.Join(", ", System.Linq.Enumerable.Take(kept, named));
            var more = kept.Count > named ? $" and {kept.Count - named} more" : "";
            return new MediaSyncError(refusal.Id, refusal.Kind, $"{refusal.Message} Kept {kept.Count} orphan(s): {names}{more}.",
                refusal.Target, refusal.Exception, refusal.RecommendedAction);
        }

        public static MediaSyncError DeleteSkippedAfterFailures(int failures) =>
            Make(nameof(DeleteSkippedAfterFailures), ErrorKind.InvalidOperation,
                $"{failures} file(s) failed to publish, so no orphans were deleted.", null);

        public static MediaSyncError DeleteRefusedIncompleteInput(System.Collections.Generic.IReadOnlyList<string> missing, string destination) =>
            Make(nameof(DeleteRefusedIncompleteInput), ErrorKind.InvalidOperation,
                $"The files came without {missing.Count} missing source(s) ({string.Join(", ", missing)}), so no orphans were deleted from '{destination}': what those sources held would have looked like orphans.",
                destination, recommendedAction: $"Fix or drop the missing paths, then publish with {OptionNames.Of("Delete")} again.");

        public static MediaSyncError HeaderNotKept(string header, string store, System.Collections.Generic.IReadOnlyList<string> kept, string? nearest) =>
            Make(nameof(HeaderNotKept), ErrorKind.InvalidArgument,
                $"{store} does not keep the header '{header}', so a rule that sets it would be lost. "
                + (kept.Count == 0 ? $"{store} keeps no headers." : $"It keeps: {string.Join(", ", kept)}.")
                + (nearest != null ? $" Did you mean '{nearest}'?" : ""),
                header, recommendedAction: nearest != null ? $"Name the header '{nearest}'." : "Remove the header from the rule.");

        // ---- processing ----
        public static MediaSyncError ProcessorFailed(string processor, string key, Exception exception) =>
            Make(nameof(ProcessorFailed), ErrorKind.InvalidData,
                $"Processor '{processor}' failed on '{key}': {exception.Message}", key, exception);

        public static MediaSyncError EsbuildRejected(string key, string message) =>
            Make(nameof(EsbuildRejected), ErrorKind.InvalidData, $"esbuild could not minify '{key}', which keeps its original bytes: {message}", key);

        public static MediaSyncError EsbuildNotFound(string path) =>
            Make(nameof(EsbuildNotFound), ErrorKind.NotFound, $"esbuild was not found at '{path}'.", path);

        /// <summary>NUglify cannot compose an input's map or write one for CSS, so a map from it would be half a map.</summary>
        public static MediaSyncError SourceMapNeedsEsbuild() =>
            Make(nameof(SourceMapNeedsEsbuild), ErrorKind.InvalidArgument,
                $"{OptionNames.Of("SourceMap")} needs esbuild: NUglify writes no map for CSS and cannot compose an input's map.", "esbuild",
                recommendedAction: $"Use {OptionNames.Of("Minifier")} Auto or Esbuild with esbuild available, or leave out {OptionNames.Of("SourceMap")}.");

        public static MediaSyncError EsbuildUnavailable() =>
            Make(nameof(EsbuildUnavailable), ErrorKind.NotFound,
                $"{OptionNames.Of("Minifier")} Esbuild needs esbuild, and none was found ({OptionNames.Of("EsbuildPath")}, the module's runtimes folder, PATH).", "esbuild",
                recommendedAction: $"Give {OptionNames.Of("EsbuildPath")}, or use {OptionNames.Of("Minifier")} Auto or NUglify.");

        public static MediaSyncError EsbuildNotExecutable(string path, string reason) =>
            Make(nameof(EsbuildNotExecutable), ErrorKind.PermissionDenied, $"esbuild at '{path}' is not executable: {reason}", path,
                recommendedAction: $"Run: chmod +x '{path}'");

        public static MediaSyncError EsbuildFailed(string message) =>
            Make(nameof(EsbuildFailed), ErrorKind.InvalidOperation, $"esbuild failed: {message}", null);

        public static MediaSyncError UnknownProcessor(string name, string known) =>
            Make(nameof(UnknownProcessor), ErrorKind.InvalidArgument, $"There is no built-in processor '{name}'. Built-in processors: {known}.", name);

        // ---- bundles ----
        public static MediaSyncError BundleNameInvalid(string name) =>
            Make(nameof(BundleNameInvalid), ErrorKind.InvalidArgument, $"Bundle '{name}' must be a key ending in .css or .js.", name);

        public static MediaSyncError BundleMixesKinds(string name, string member) =>
            Make(nameof(BundleMixesKinds), ErrorKind.InvalidArgument,
                $"Bundle '{name}' cannot take '{member}': a bundle joins only CSS or only JavaScript.", name);

        public static MediaSyncError BundleEmpty(string name) =>
            Make(nameof(BundleEmpty), ErrorKind.InvalidArgument, $"Bundle '{name}' has no members.", name);

        public static MediaSyncError BundleMemberMissing(string name, string member) =>
            Make(nameof(BundleMemberMissing), ErrorKind.NotFound,
                $"Bundle '{name}' was not made: its member '{member}' is not among the files that came in.", name);

        // ---- settings (all terminating: bad settings stop before anything runs) ----
        public static MediaSyncError SettingsNotFound(string path) =>
            Make(nameof(SettingsNotFound), ErrorKind.NotFound, $"Settings file '{path}' does not exist.", path);

        public static MediaSyncError SettingsNotJson(string path, int line, string problem) =>
            Make(nameof(SettingsNotJson), ErrorKind.InvalidData, $"'{path}' line {line} is not valid JSON: {problem}", path);

        public static MediaSyncError SettingUnknown(string key, string? nearest, string where) =>
            Make(nameof(SettingUnknown), ErrorKind.InvalidArgument,
                $"Unknown setting '{key}' {where}.{(nearest != null ? $" Did you mean '{nearest}'?" : "")}", key);

        public static MediaSyncError SettingWrongType(string key, string expected, string actual, string where) =>
            Make(nameof(SettingWrongType), ErrorKind.InvalidArgument, $"Setting '{key}' {where} must be {expected}, not {actual}.", key);

        public static MediaSyncError SettingInvalidValue(string key, string problem, string where) =>
            Make(nameof(SettingInvalidValue), ErrorKind.InvalidArgument, $"Setting '{key}' {where}: {problem}.", key);

        public static MediaSyncError SettingIsSecret(string key, string where) =>
            Make(nameof(SettingIsSecret), ErrorKind.InvalidArgument,
                $"Setting '{key}' {where} looks like a secret; settings hold none. Credentials come from the SDK's chain, a profile or the environment.", key);

        public static MediaSyncError StoreTypeUnknown(string type, System.Collections.Generic.IReadOnlyList<string> known, string where) =>
            Make(nameof(StoreTypeUnknown), ErrorKind.InvalidArgument, $"Store type '{type}' {where} does not exist; the types are {string.Join(", ", known)}.", type);

        // ---- settings files: duplicate names ----
        public static MediaSyncError SettingDuplicate(string key, string first, string firstWhere, string second, string secondWhere) =>
            Make(nameof(SettingDuplicate), ErrorKind.InvalidArgument,
                $"Setting '{key}' is given twice: '{first}' " + (firstWhere == secondWhere ? $"and '{second}' {secondWhere}" : $"{firstWhere} and '{second}' {secondWhere}")
                + ". Names are compared as the reader compares them, and one would silently win over the other; keep one.", key,
                recommendedAction: "Remove one of the two, so that the file says what it means.");

        // ---- URLs, tags and the development server ----
        public static MediaSyncError ManifestUnreadable(string path, Exception exception) =>
            Make(nameof(ManifestUnreadable), ErrorKind.InvalidData, $"'{path}' is not a MediaSync manifest: {exception.Message}", path, exception,
                recommendedAction: "Write it again with Export-MediaManifest or Sync-Media.");

        public static MediaSyncError IntegrityUnknown(string key, string manifest) =>
            Make(nameof(IntegrityUnknown), ErrorKind.NotFound, $"'{key}' has no integrity value: it is not in '{manifest}'.", key,
                recommendedAction: "Publish it with Sync-Media (or Export-MediaManifest) first, or leave out -Integrity.");

        public static MediaSyncError NoTagForKind(string key) =>
            Make(nameof(NoTagForKind), ErrorKind.InvalidArgument, $"'{key}' is neither CSS nor JavaScript, so it has no tag; use Get-MediaUrl for its URL.", key);

        public static MediaSyncError NoPublicUrl(string store) =>
            Make(nameof(NoPublicUrl), ErrorKind.InvalidOperation, $"The store ({store}) has no public URL, so remote URLs cannot be made.", store,
                recommendedAction: "Set PublicBaseUrl to the URL the files are served from.");

        /// <summary><paramref name="reason"/> and <paramref name="action"/> say why the address was refused (in use, not on this machine, no permission).</summary>
        public static MediaSyncError ServerFailed(string prefix, string reason, string action, Exception exception) =>
            Make(nameof(ServerFailed), ErrorKind.InvalidOperation, $"Could not listen on {prefix}: {reason} ({exception.Message})", prefix, exception,
                recommendedAction: action);

        public static MediaSyncError SyncFailed(System.Collections.Generic.IReadOnlyList<MediaSyncError> failures) =>
            Make(nameof(SyncFailed), ErrorKind.OperationStopped,
                $"Sync-Media finished with {failures.Count} error{(failures.Count == 1 ? "" : "s")}: " + string.Join(" | ", failures.Take(5).Select(f => f.Message))
                + (failures.Count > 5 ? $" | and {failures.Count - 5} more." : ""), null, failures[0].Exception);

        // ---- stores ----
        /// <summary>Every object was written, but not the record of them: the next run compares them again, slower, and misses nothing.</summary>
        public static MediaSyncError StateNotSaved(string store, Exception exception) =>
            Make(nameof(StateNotSaved), ErrorKind.WriteError,
                $"Could not save what this run wrote to {store} (its state file), so nothing is deleted after it; the next run compares the objects again: {StoreProblem(exception)}",
                store, exception);

        public static MediaSyncError StoreWriteFailed(string key, string store, Exception exception) =>
            Make(nameof(StoreWriteFailed), ErrorKind.WriteError, $"Could not write '{key}' to {store}: {StoreProblem(exception)}", key, exception);

        public static MediaSyncError StoreReadFailed(string key, string store, Exception exception) =>
            Make(nameof(StoreReadFailed), ErrorKind.ReadError, $"Could not read '{key}' in {store} to compare it, so it was not written: {StoreProblem(exception)}", key, exception);

        public static MediaSyncError StoreDeleteFailed(string store, Exception exception) =>
            Make(nameof(StoreDeleteFailed), ErrorKind.WriteError, $"Could not delete orphans in {store}: {StoreProblem(exception)}", store, exception);

        public static MediaSyncError StoreListFailed(string store, Exception exception) =>
            Make(nameof(StoreListFailed), ErrorKind.ReadError, $"Could not list {store}, so nothing was published: {StoreProblem(exception)}", store, exception,
                exception is Stores.StoreMissingException
                    ? $"Create it, or add {OptionNames.Of("Create")} to create it (private) before the first publish."
                    : null);

        public static MediaSyncError DeletePercentExceeded(int count, int total, int percent, string store) =>
            Make(nameof(DeletePercentExceeded), ErrorKind.LimitsExceeded,
                $"{count} of {total} objects in {store} would be deleted, more than {OptionNames.Of("MaxDeletePercent")} {percent}%; nothing was deleted.", store,
                recommendedAction: $"Check the source is complete, then raise {OptionNames.Of("MaxDeletePercent")}.");

        // ---- source and destination never overlap (issue 24) ----
        /// <summary>
        /// A folder destination that is a source root, lies inside one or contains one: every write would land among the
        /// sources, and every file there that is not published would be an orphan to delete.
        /// </summary>
        public static MediaSyncError DestinationOverlapsSource(string destination, string overlap, string source, string? realDestination, string? realSource) =>
            Make(nameof(DestinationOverlapsSource), ErrorKind.InvalidArgument,
                $"Refusing to publish to '{destination}': it {overlap} '{source}'"
                + (realDestination != null || realSource != null ? $" (through links: '{realDestination ?? destination}' and '{realSource ?? source}')" : "")
                + ", so published files would land among the sources and what is not published would be deleted as an orphan. Nothing was listed or written.",
                destination, recommendedAction: "Publish into a folder outside every source, and that holds no source: a 'dist' or 'wwwroot' folder beside the media folder, say.");

        /// <summary>-Delete into the home folder or a file-system root: everything there that is not published would go.</summary>
        public static MediaSyncError DeleteRefused(string destination, string why) =>
            Make(nameof(DeleteRefused), ErrorKind.InvalidArgument,
                $"Refusing {OptionNames.Of("Delete")} on '{destination}': {why}. Nothing was listed or written.", destination,
                recommendedAction: $"Publish with {OptionNames.Of("Delete")} into a dedicated folder that holds nothing but published media.");

        // ---- processing: text that is not what it says it is ----
        /// <summary>A stylesheet or script whose bytes are not valid in its declared (BOM, @charset) or assumed (UTF-8) encoding.</summary>
        public static MediaSyncError TextEncodingInvalid(string key, string encoding, string detail) =>
            Make(nameof(TextEncodingInvalid), ErrorKind.InvalidData,
                $"'{key}' is not valid {encoding} text ({detail}); it is not rewritten, so no byte of it is replaced.", key,
                recommendedAction: "Save the file as UTF-8, or declare its encoding with a byte-order mark or a CSS @charset rule.");

        // ---- headers that cannot be sent, and a store that is not there ----
        public static MediaSyncError HeaderInvalid(string header, string problem, string source) =>
            Make(nameof(HeaderInvalid), ErrorKind.InvalidArgument,
                $"The header '{header}' from {source} cannot be sent: {problem}. Nothing was published.", header,
                recommendedAction: "Fix the header's name or value; a name is an RFC 7230 token, a value printable ASCII (tabs allowed).");

        // ---- web: hostile manifest.json and the development server ----
        public static MediaSyncError ManifestInvalid(string manifest, string entry, string problem) =>
            Make(nameof(ManifestInvalid), ErrorKind.InvalidData, $"'{manifest}' is refused: its entry '{Printable(entry)}' {Printable(problem)}; no URL or tag is made from it.", manifest,
                recommendedAction: "Write it again with Export-MediaManifest or Sync-Media, and find out what else wrote it.");

        /// <summary>Control characters shown as \uXXXX, so a hostile name cannot rewrite the line it is printed on.</summary>
        private static string Printable(string text) =>
            string.Concat(text.Select(c => char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString()));

        /// <summary>
        /// A store's failure as a person needs it: a service's own code and HTTP status, not just its sentence. Stores
        /// built on a service SDK add a describer for its exceptions (the engine references no SDK).
        /// </summary>
        private static string StoreProblem(Exception exception)
        {
            // HttpClient says "The operation was canceled." for its own timeout, under whatever an SDK wraps it in
            for (var e = exception; e != null; e = e.InnerException)
            {
                if (e is TimeoutException timeout) return timeout.Message;
                if (e is OperationCanceledException && e.InnerException == null) return "the request was abandoned before the server answered (a timeout).";
            }
            foreach (var describe in ServiceErrorDescribers)
                if (describe(exception) is string described) return described;
            return exception.Message;
        }

        internal static readonly System.Collections.Concurrent.ConcurrentBag<Func<Exception, string?>> ServiceErrorDescribers =
            new System.Collections.Concurrent.ConcurrentBag<Func<Exception, string?>>();

        // ---- links: followed inside their root only, never written through in a destination ----
        /// <summary>The warning for a source link that leads outside its root, skipped unless -FollowLinks.</summary>
        public static string LinkOutsideRootSkipped(string path, string target, string root) =>
            $"Skipped '{path}': a link leads it to '{target}', outside the root '{root}' ({Prefix}{nameof(LinkOutsideRoot)}). {OptionNames.Of("FollowLinks")} follows it.";

        /// <summary>The warning for destination files -Delete keeps because they lie under a skipped link's key.</summary>
        public static string OrphansKeptUnderSkippedLinks(System.Collections.Generic.IReadOnlyCollection<string> kept, string destination) =>
            $"Kept {kept.Count} file(s) in {destination} under links that were skipped as outside their root ({Prefix}{nameof(LinkOutsideRoot)}): " +
            $"{string.Join(", ", kept.Take(10))}{(kept.Count > 10 ? ", …" : "")}. Remove the link to delete them, or {OptionNames.Of("FollowLinks")} to publish what it leads to.";

        public static MediaSyncError LinkOutsideRoot(string key, string path, string target, string root) =>
            Make(nameof(LinkOutsideRoot), ErrorKind.InvalidOperation,
                $"'{key}' was not linked: '{path}' leads to '{target}', outside its root '{root}', and Link mode makes no link whose chain ends outside its root.", key,
                recommendedAction: $"Use {OptionNames.Of("Fallback")} Copy to copy it, or {OptionNames.Of("Mode")} Copy.");

        /// <summary>The warning for a link planted in a folder destination where a published folder goes (out/css -> ../victim).</summary>
        public static string DestinationLinkReplaced(string path) =>
            $"'{path}' is a link where a folder of published files goes; it is replaced by a real folder, and nothing is written through it ({Prefix}DestinationLinkReplaced).";

        internal static bool IsIoFailure(Exception exception) =>
            exception is IOException || exception is UnauthorizedAccessException || exception is System.Security.SecurityException;
    }
}
