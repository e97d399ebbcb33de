using System.Collections.Generic;
using System.Management.Automation;
using MediaSync.Discovery;
using MediaSync.PowerShell.Completion;
using MediaSync.PowerShell.Infrastructure;
using MediaSync.Reporting;

namespace MediaSync.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Finds the media files of a project and its apps.</para>
    /// <para type="description">Project roots come first, then apps in the order given; the first file with a key wins
    /// and lists the files it shadows in Overrides.</para>
    /// </summary>
    /// <example>
    /// <code>
    /// Get-MediaFile -Path ./site/media -App ./site/apps/blog, ./site/apps/shop
    /// </code>
    /// <para>Lists every media file of the project root and two apps. blog/blog.css is in both the project and the blog app; the project's copy wins and lists the app's in Overrides.</para>
    /// </example>
    /// <example>
    /// <code>
    /// Get-MediaFile ./site/media -App ./site/apps/blog -Name blog/blog.css -All
    /// </code>
    /// <para>Shows every candidate for one key in precedence order: the winner first, then each file it shadows (IsOverridden).</para>
    /// </example>
    /// <example>
    /// <code>
    /// Get-MediaFile ./site/media -Include *.css -Exclude 'blog/*'
    /// </code>
    /// <para>Only CSS files, leaving out the blog folder. A pattern without '/' matches the file name; one with '/' matches the whole key.</para>
    /// </example>
    /// <example>
    /// <code>
    /// Get-Item ./site/media | Get-MediaFile
    /// </code>
    /// <para>Folders from Get-Item or Get-ChildItem bind through their PSPath. A path that does not exist is one non-terminating error (ObjectNotFound), and the other roots are still searched.</para>
    /// </example>
    /// <example>
    /// <code>
    /// Get-MediaFile ./site/media -FollowLinks
    /// </code>
    /// <para>Also follows links that lead outside ./site/media (a vendor folder linked in, say). Without -FollowLinks such a link is skipped with one warning that names it (MediaSync.LinkOutsideRoot); links that stay inside the root are always followed.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "MediaFile", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(MediaFile))]
    public sealed class GetMediaFileCommand : MediaSyncCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        private readonly List<string> _roots = new List<string>();

        /// <summary>Project media roots; wildcards allowed. Defaults to the current folder when neither -Path nor -App is given.</summary>
        [Parameter(Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Path { get; set; }

        /// <summary>Project media roots, taken as written.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[]? LiteralPath { get; set; }

        /// <summary>App folders; each app's media is under &lt;app&gt;/&lt;MediaDirectoryName&gt;/ and keyed from there.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? App { get; set; }

        /// <summary>The media folder name inside each app (default 'media'); an app's mediasync.json may name its own.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string MediaDirectoryName { get; set; } = "media";

        /// <summary>Only keys matching these globs (a pattern without '/' matches the file name).</summary>
        [Parameter]
        [SupportsWildcards]
        public string[]? Include { get; set; }

        /// <summary>Leaves out keys matching these globs.</summary>
        [Parameter]
        [SupportsWildcards]
        public string[]? Exclude { get; set; }

        /// <summary>Only these keys (globs allowed).</summary>
        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(MediaKeyCompleter))]
        public string[]? Name { get; set; }

        /// <summary>
        /// Only files added or changed since this git revision (commit, tag, branch), with Action Added or Modified,
        /// plus one object per deleted file with Action Deleted, so Publish-Media -Delete removes exactly those.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ChangedSince { get; set; }

        /// <summary>Also lists every shadowed candidate right after its winner, in precedence order.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        /// <summary>Includes hidden files, names starting with '.', folders starting with '_' and preprocessor partials (_x.scss); other files starting with '_' (a package's _vars.css) are always included.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>
        /// Also follows links that lead outside their root. Without it a link whose chain stays inside its root is
        /// followed (a file link gives its target's bytes, a folder link is walked), and one that leads outside is
        /// skipped with a warning (MediaSync.LinkOutsideRoot); Publish-Media -Delete then keeps what a destination has under it.
        /// </summary>
        [Parameter]
        public SwitchParameter FollowLinks { get; set; }

        internal override bool ForceRequested => Force.IsPresent;

        protected override void ProcessRecord()
        {
            // Roots are gathered first: precedence between piped roots needs all of them.
            if (Path != null) _roots.AddRange(ResolvePaths(Path, literal: false));
            if (LiteralPath != null) _roots.AddRange(ResolvePaths(LiteralPath, literal: true));
        }

        protected override void EndProcessing()
        {
            var apps = App != null ? ResolvePaths(App, literal: false) : new List<string>();
            if (_roots.Count == 0 && apps.Count == 0)
            {
                // An empty pipe means "no roots", never "here": an empty list upstream must not publish the current folder.
                if (MyInvocation.ExpectingInput) ThrowTerminatingError(ErrorRecords.From(Errors.NoRoots()));
                _roots.Add(SessionState.Path.CurrentFileSystemLocation.ProviderPath);
            }
            var request = new MediaDiscoveryRequest
            {
                Roots = _roots,
                Apps = apps,
                MediaDirectoryName = MediaDirectoryName,
                Include = Include ?? new string[0],
                Exclude = Exclude ?? new string[0],
                Names = Name ?? new string[0],
                All = All.IsPresent,
                Force = Force.IsPresent,
                ChangedSince = ChangedSince,
                FollowLinks = FollowLinks.IsPresent,
            };
            RunEngine(() =>
            {
                foreach (var file in MediaDiscovery.Discover(request, Engine)) WriteObject(file);
            });
        }
    }
}
