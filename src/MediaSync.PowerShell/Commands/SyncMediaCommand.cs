using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using MediaSync.PowerShell.Infrastructure;
using MediaSync.Processing;
using MediaSync.Publishing;
using MediaSync.Reporting;
using MediaSync.Settings;

namespace MediaSync.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Runs the whole deployment from settings: discover, bundle, process, compress, write the manifest, publish.</para>
    /// <para type="description">Exactly what composing Get-MediaFile, Join-MediaBundle, Invoke-MediaProcessor,
    /// Compress-MediaFile, Export-MediaManifest -PassThru and Publish-Media does (examples/ has both side by side), from
    /// mediasync.json in the current folder, the session's settings (Set-MediaSyncSetting), -SettingsPath or -Settings.
    /// With no store configured it publishes to a folder (./out/public). -WhatIf returns the full plan and writes
    /// nothing; -Delete removes orphans under the guards.</para>
    /// <para type="description">A settings name given twice is refused before anything runs (MediaSync.SettingDuplicate,
    /// naming the file and both lines), compared as the reader compares names: "Delete" and "delete" are one setting,
    /// at every level. A mediasync.json with a UTF-8 or UTF-16 byte order mark (as Windows PowerShell 5.1 writes it) is
    /// read. No error shows a SAS signature a server echoes back: it reads sig=REDACTED.</para>
    /// <para type="description">A folder store that is one of the settings' roots or app media folders, contains one or
    /// lies inside one is refused with MediaSync.DestinationOverlapsSource before anything is listed or written (the
    /// manifest too); Delete into your home folder or a file-system root with MediaSync.DeleteRefused.</para>
    /// <para type="description">As a deploy step: a failed file is written as an error and sets $? to false, so
    /// pwsh -c 'Sync-Media' exits non-zero; under -ErrorAction Stop every file is still tried, and the run ends with one
    /// terminating error, MediaSync.SyncFailed, naming the failures.</para>
    /// <para type="description">Links in the roots are followed while their chain stays inside the root; one that leads
    /// outside is skipped with a MediaSync.LinkOutsideRoot warning unless the settings say "FollowLinks": true, as
    /// Get-MediaFile -FollowLinks does.</para>
    /// <para type="description">Without PowerShell, `mediasync sync [--settings FILE] [--what-if] [--delete] [--summary]` (the
    /// MediaSync.Cli .NET tool) runs the same job from the same settings, with the same summary; it exits 1 when a
    /// file failed and 2 on a bad argument or setting.</para>
    /// </summary>
    /// <example>
    /// <code>
    /// Sync-Media -Settings @{ Roots = './site/media'; Apps = './site/apps/blog'; Processors = 'Minify'; Fingerprint = $true; Compress = $true } -Summary
    /// </code>
    /// <para>Publishes the project and blog media, minified, fingerprinted and with gzip/brotli twins, into ./out/public with manifest.json, and prints one summary.</para>
    /// </example>
    /// <example>
    /// <code>
    /// Set-Content ./mediasync.json '{ "Roots": ["site/media"], "Store": { "Type": "Folder", "Path": "public" } }'
    /// Sync-Media -Delete -WhatIf
    /// </code>
    /// <para>Reads mediasync.json from the current folder and shows the whole plan, orphans to delete included, writing nothing.</para>
    /// </example>
    /// <example>
    /// <code>
    /// $s = @{ Roots = './site/media'; Store = @{ Type = 'Folder'; Path = './out/sharded' } }
    /// 1..3 | ForEach-Object { Sync-Media -Settings $s -Shard "$_/3" -Summary }
    /// Sync-Media -Settings $s -DeleteOnly -Summary
    /// </code>
    /// <para>The job in three parts (in a pipeline, three parallel jobs; -Shard 2/3 publishes the keys whose hash falls in part 2, the manifest goes with part 1), then one run that deletes the orphans.</para>
    /// </example>
    [Cmdlet(VerbsData.Sync, "Media", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PublishResult), typeof(PublishSummary))]
    public sealed class SyncMediaCommand : SettingsCmdlet
    {
        /// <summary>Deletes what the destination holds beyond what was published, under the guards (overrides the Delete setting).</summary>
        [Parameter]
        public SwitchParameter Delete { get; set; }

        /// <summary>Publishes only part i of N (e.g. 2/4) of the keys, by a stable hash, with its own state file. A shard never deletes: run -DeleteOnly once after every part.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completion.ShardCompleter))]
        public string? Shard { get; set; }

        /// <summary>Runs the whole job but writes nothing: lists once and deletes the orphans under the guards (the job after the shards).</summary>
        [Parameter]
        public SwitchParameter DeleteOnly { get; set; }

        /// <summary>Emits one summary object instead of one result per file.</summary>
        [Parameter]
        public SwitchParameter Summary { get; set; }

        protected override void EndProcessing()
        {
            var stop = ErrorActionIsStop();
            var failures = new List<MediaSyncError>();
            RunEngine(() =>
            {
                var settings = ResolveSettings();
                var request = new SyncRequest(settings)
                {
                    WhatIf = IsWhatIf,
                    Delete = MyInvocation.BoundParameters.ContainsKey(nameof(Delete)) ? Delete.IsPresent : (bool?)null,
                    Shard = Shard == null ? null : Publishing.Shard.Parse(Shard),
                    DeleteOnly = DeleteOnly.IsPresent,
                    Processing = new ProcessorSettings { ModuleRoot = ModuleRoot },
                };
                // Under -ErrorAction Stop the first failed file must not end the run: each is kept, and one error ends it.
                var host = stop ? new ErrorCollectingHost(Engine, failures) : Engine;
                var results = SyncJob.Run(request, host);
                var summary = SyncJob.Summarize(settings, results, Summary.IsPresent ? (System.Action<PublishResult>?)null : WriteObject);
                if (Summary.IsPresent) WriteObject(summary);
            });
            if (failures.Count > 0) ThrowTerminatingError(ErrorRecords.From(Errors.SyncFailed(failures)));
        }

        private bool ErrorActionIsStop() =>
            MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var bound)
                ? bound is ActionPreference action && action == ActionPreference.Stop
                : GetVariableValue("ErrorActionPreference") is ActionPreference preference && preference == ActionPreference.Stop;
    }
}
