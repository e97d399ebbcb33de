using System.Collections.Generic;
using System.Management.Automation;
using MediaSync.Discovery;
using MediaSync.PowerShell.Infrastructure;
using MediaSync.Publishing;
using MediaSync.Reporting;
using MediaSync.Stores;

namespace MediaSync.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Publishes media files to a local folder (copy or link) or to a store (S3, ...).</para>
    /// <para type="description">Collects the piped files, plans every one (New, SizeChanged, HashChanged, ...),
    /// then writes atomically in parallel. -Delete removes orphans afterwards, under guards.</para>
    /// <para type="description">With -Store it publishes to S3, a folder store or a store written in PowerShell: one
    /// listing, then only what changed is uploaded (New, ContentChanged, NotComparable), drifted headers are fixed
    /// without uploading again (HeadersChanged), and pages and manifests go up after the files they use. A header rule
    /// naming a header the store cannot keep (S3 keeps Cache-Control, Content-Type, Content-Encoding,
    /// Content-Disposition, Content-Language, Expires, x-amz-meta-* and x-amz-website-redirect-location) stops the
    /// publish before anything is uploaded, with MediaSync.HeaderNotKept. A store's error never shows a SAS signature
    /// a server or proxy echoes back: its message, target and exception chain read sig=REDACTED.</para>
    /// <para type="description">-Delete deletes nothing when no files came in, when a source was missing, after any
    /// failed write, or beyond -MaxDelete (and -MaxDeletePercent for a store). -WhatIf returns the full plan and writes
    /// nothing. Ctrl+C stops at once and leaves no partial file.</para>
    /// <para type="description">Nothing is written or deleted through a link inside a folder destination: a link planted
    /// where a folder of published files goes (out/css pointing at ../victim) is replaced by a real folder, as rsync does
    /// without -K, with a MediaSync.DestinationLinkReplaced warning, and what it pointed to is left alone; a link at a
    /// file's own name is replaced by the file. The destination itself may be a link. Link mode never makes a link whose
    /// chain ends outside the file's root (MediaSync.LinkOutsideRoot; -Fallback Copy copies it instead). -Delete keeps
    /// what the destination holds under a source link that Get-MediaFile skipped as leading outside its root.</para>
    /// <para type="description">A folder destination (or folder store) that is a source root, contains one or lies
    /// inside one is refused in every mode with MediaSync.DestinationOverlapsSource before anything is listed or
    /// written; real paths are compared, links resolved. Each new source root is checked at its first piped file, and
    /// the folder is listed only after the first passed. -Delete into your home folder or a file-system root is refused
    /// with MediaSync.DeleteRefused, as Clean refuses them (MediaSync.CleanRefused).</para>
    /// </summary>
    /// <example>
    /// <code>
    /// Get-MediaFile ./site/media -App ./site/apps/blog | Publish-Media ./out/public
    /// </code>
    /// <para>Copies what changed into ./out/public, atomically, keeping write times. A second run skips everything (Unchanged).</para>
    /// </example>
    /// <example>
    /// <code>
    /// Get-MediaFile ./site/media | Publish-Media ./out/public -Delete -WhatIf
    /// </code>
    /// <para>Shows the whole plan, orphans to delete included, and writes nothing.</para>
    /// </example>
    /// <example>
    /// <code>
    /// Get-MediaFile ./site/media | Publish-Media ./out/linked -Mode Link -Summary
    /// </code>
    /// <para>Links instead of copying, and returns one summary: 'Deleted 0 of 0, wrote 4 (4 linked), skipped 0 (100% changed); …'.</para>
    /// </example>
    /// <example>
    /// <code>
    /// Get-Item ./site/media | Publish-Media ./out/public -Overwrite IfNewer
    /// </code>
    /// <para>Publishes a media root given as a folder (bound through PSPath), replacing only destination files older than their source. Other strategies: IfChanged (the default), All, NewOnly and Clean.</para>
    /// </example>
    /// <example>
    /// <code>
    /// 1..2 | ForEach-Object { Get-MediaFile ./site/media | Publish-Media ./out/sharded -Shard "$_/2" -Summary }
    /// Get-MediaFile ./site/media | Publish-Media ./out/sharded -DeleteOnly -Summary
    /// </code>
    /// <para>Publishes in two parts (parallel jobs in a pipeline: each part takes the keys whose hash falls in it), then one run deletes the orphans of the whole set.</para>
    /// </example>
    [Cmdlet(VerbsData.Publish, "Media", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(PublishResult), typeof(PublishSummary))]
    public sealed class PublishMediaCommand : MediaSyncCmdlet
    {
        private const string InputObjectSet = "InputObject";
        private const string LiteralPathSet = "LiteralPath";
        private const string InputObjectStoreSet = "InputObjectStore";
        private const string LiteralPathStoreSet = "LiteralPathStore";

        private readonly List<string> _roots = new List<string>();

        /// <summary>Media files, usually from Get-MediaFile.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectStoreSet)]
        [AllowEmptyCollection]
        public MediaFile[]? InputObject { get; set; }

        /// <summary>Media roots to publish whole, as Get-MediaFile -LiteralPath would find them.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathStoreSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[]? LiteralPath { get; set; }

        /// <summary>The destination folder; created when missing.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = InputObjectSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = LiteralPathSet)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; } = "";

        /// <summary>A store from New-MediaStore (S3, a folder, ...): uploads only what changed, with cache headers.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectStoreSet)]
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathStoreSet)]
        [ValidateNotNull]
        public IMediaStore? Store { get; set; }

        /// <summary>Store only: Cache-Control max-age and Expires, in days (default 365; 0 sets neither).</summary>
        [Parameter(ParameterSetName = InputObjectStoreSet)]
        [Parameter(ParameterSetName = LiteralPathStoreSet)]
        [ValidateRange(0, 36500)]
        public int ExpirationDays { get; set; }

        /// <summary>Store only: ordered glob-to-headers rules, e.g. [ordered]@{ '*.html' = @{ 'Cache-Control' = 'no-cache' } }. A name that is no RFC 7230 token, or a value with a CR, LF or other control character (tabs allowed) or non-ASCII, is refused (MediaSync.HeaderInvalid) before anything is listed or put.</summary>
        [Parameter(ParameterSetName = InputObjectStoreSet)]
        [Parameter(ParameterSetName = LiteralPathStoreSet)]
        [ValidateNotNull]
        public System.Collections.IDictionary? HeaderRule { get; set; }

        /// <summary>Store only: the largest share of the store's objects -Delete may remove (default 50).</summary>
        [Parameter(ParameterSetName = InputObjectStoreSet)]
        [Parameter(ParameterSetName = LiteralPathStoreSet)]
        [ValidateRange(0, 100)]
        public int MaxDeletePercent { get; set; }

        /// <summary>Copy (default) or Link.</summary>
        [Parameter(ParameterSetName = InputObjectSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        public PublishMode Mode { get; set; } = PublishMode.Copy;

        /// <summary>Copy mode only: IfChanged (default), All, NewOnly, IfNewer or Clean.</summary>
        [Parameter(ParameterSetName = InputObjectSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        public OverwriteStrategy Overwrite { get; set; } = OverwriteStrategy.IfChanged;

        /// <summary>Link mode only: what to do where no link can be made. None (default) reports an error; Copy copies.</summary>
        [Parameter(ParameterSetName = InputObjectSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        public LinkFallback Fallback { get; set; } = LinkFallback.None;

        /// <summary>Compares content even when size and write time match what was published (IfChanged, and stores).</summary>
        [Parameter]
        public SwitchParameter Checksum { get; set; }

        /// <summary>Deletes destination files that are not in the published set, after all writes succeed.</summary>
        [Parameter]
        public SwitchParameter Delete { get; set; }

        /// <summary>Publishes only part i of N (e.g. 2/4) of the keys, by a stable hash, with its own state file; for N parallel jobs. A shard never deletes: run -DeleteOnly once after them all.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completion.ShardCompleter))]
        public string? Shard { get; set; }

        /// <summary>Writes nothing: lists once and deletes the orphans of the whole input under the -Delete guards (the job after the shards).</summary>
        [Parameter]
        public SwitchParameter DeleteOnly { get; set; }

        /// <summary>The most orphans -Delete may remove (default 100 for a folder, 256 for a store); more refuses all deletes.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int MaxDelete { get; set; }

        /// <summary>Emits one summary object instead of one result per file.</summary>
        [Parameter]
        public SwitchParameter Summary { get; set; }

        /// <summary>Parallel file operations (default: a few per core for a folder, 16 for a store).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <summary>With -LiteralPath: also follows links that lead outside their root, as Get-MediaFile -FollowLinks does.</summary>
        [Parameter(ParameterSetName = LiteralPathSet)]
        [Parameter(ParameterSetName = LiteralPathStoreSet)]
        public SwitchParameter FollowLinks { get; set; }

        /// <summary>Skips the confirmation that -Overwrite Clean asks for.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        internal override bool ForceRequested => Force.IsPresent;

        private PublishIntake? _intake;

        // The destination is listed while upstream cmdlets still find and process files (a no-op mostly waits for it); a
        // folder once the first file's source root is known not to overlap it.
        protected override void BeginProcessing()
        {
            // Unbound parameters stay null: the engine owns every default.
            var bound = MyInvocation.BoundParameters;
            T? Bound<T>(string name, T value) where T : struct => bound.ContainsKey(name) ? value : (T?)null;
            RunEngine(() =>
            {
                var request = new PublishRequest(Store == null ? ResolveLiteral(Destination) : null)
                {
                    Mode = Mode,
                    Overwrite = Bound(nameof(Overwrite), Overwrite),
                    Fallback = Bound(nameof(Fallback), Fallback),
                    Checksum = Checksum.IsPresent,
                    Delete = Delete.IsPresent,
                    Shard = Shard == null ? null : Publishing.Shard.Parse(Shard),
                    DeleteOnly = DeleteOnly.IsPresent,
                    MaxDelete = Bound(nameof(MaxDelete), MaxDelete),
                    MaxDeletePercent = Bound(nameof(MaxDeletePercent), MaxDeletePercent),
                    ThrottleLimit = Bound(nameof(ThrottleLimit), ThrottleLimit),
                    WhatIf = IsWhatIf,
                };
                if (bound.ContainsKey(nameof(ExpirationDays))) request.Headers.ExpirationDays = ExpirationDays;
                if (HeaderRule != null)
                    foreach (var rule in Stores.HeaderRule.Parse(HeaderRule, value => value is PSObject wrapped ? wrapped.BaseObject : value)) request.Headers.Rules.Add(rule);
                _intake = new PublishIntake(request, Store, Engine.Cancellation);
            });
        }

        protected override void ProcessRecord()
        {
            RunEngine(() => _intake!.Add(Piped(InputObject)));
            if (LiteralPath != null) _roots.AddRange(ResolvePaths(LiteralPath, literal: true));
        }

        protected override void EndProcessing()
        {
            RunEngine(() =>
            {
                if (_roots.Count > 0) _intake!.Add(MediaDiscovery.Discover(new MediaDiscoveryRequest { Roots = _roots, FollowLinks = FollowLinks.IsPresent }, Engine));
                var intake = _intake!;
                var results = Store != null ? Publisher.Publish(intake.Request, intake.Files, Store, Engine, intake.Listing) : Publisher.Publish(intake.Request, intake.Files, Engine, intake.Listing);
                var summary = PublishSummary.Collect(Store?.Name ?? intake.Request.Destination!, Store != null, results, Summary.IsPresent ? (System.Action<PublishResult>?)null : WriteObject);
                if (Summary.IsPresent) WriteObject(summary);
            });
        }
    }
}
