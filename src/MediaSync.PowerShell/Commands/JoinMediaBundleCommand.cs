using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MediaSync.PowerShell.Completion;
using MediaSync.PowerShell.Infrastructure;
using MediaSync.Processing;
using MediaSync.Reporting;

namespace MediaSync.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Joins media files into CSS or JS bundles.</para>
    /// <para type="description">Passes every file on (members are published too) and emits each bundle at the end,
    /// with Members listing what it joined.</para>
    /// </summary>
    /// <example>
    /// <code>
    /// Get-MediaFile ./site/media -App ./site/apps/blog | Join-MediaBundle css/all.css css/site.css, blog/blog.css
    /// </code>
    /// <para>Joins two style sheets into css/all.css (one @charset hoisted, relative url()s rebased) and passes the members on too.</para>
    /// </example>
    /// <example>
    /// <code>
    /// Get-MediaFile ./site/media -App ./site/apps/shop |
    ///     Join-MediaBundle -Definition ([ordered]@{ 'js/all.js' = 'js/site.js', 'shop/cart.js'; 'css/all.css' = 'css/site.css', 'shop/buttons.css' })
    /// </code>
    /// <para>Defines several bundles in one ordered table; each bundle's members are joined in the order listed.</para>
    /// </example>
    /// <example>
    /// <code>
    /// Get-MediaFile ./site/media | Join-MediaBundle css/joined.css site.css -CssPath css
    /// </code>
    /// <para>-CssPath (and -JsPath) put a folder before each member's key, as the ancestor's CSS_PATH and JS_PATH did.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Join, "MediaBundle", DefaultParameterSetName = SingleSet)]
    [OutputType(typeof(MediaFile))]
    public sealed class JoinMediaBundleCommand : MediaSyncCmdlet
    {
        private const string SingleSet = "Single";
        private const string DefinitionSet = "Definition";

        private readonly List<MediaFile> _files = new List<MediaFile>();
        private IReadOnlyList<BundleDefinition> _bundles = new BundleDefinition[0];

        /// <summary>Media files, usually from Get-MediaFile or Invoke-MediaProcessor.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowEmptyCollection]
        public MediaFile[]? InputObject { get; set; }

        /// <summary>The bundle's key, ending in .css or .js.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SingleSet)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        /// <summary>The members' keys, in order.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = SingleSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(BundleMemberCompleter))]
        public string[] Member { get; set; } = new string[0];

        /// <summary>Several bundles: @{ 'styles/joined.css' = 'reset.css', 'text.css' } (use [ordered] to keep their order).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = DefinitionSet)]
        [ValidateNotNull]
        public IDictionary? Definition { get; set; }

        /// <summary>Folder prefix for CSS members.</summary>
        [Parameter]
        public string? CssPath { get; set; }

        /// <summary>Folder prefix for JS members.</summary>
        [Parameter]
        public string? JsPath { get; set; }

        protected override void BeginProcessing()
        {
            var request = new BundleRequest { CssPath = CssPath, JsPath = JsPath };
            if (Definition != null)
            {
                foreach (DictionaryEntry entry in Definition)
                    request.Bundles.Add(new BundleDefinition(entry.Key?.ToString() ?? "", Members(entry.Value)));
            }
            else request.Bundles.Add(new BundleDefinition(Name, Member));
            RunEngine(() => _bundles = MediaBundler.Resolve(request));
        }

        private static IEnumerable<string> Members(object? value)
        {
            var bare = value is PSObject wrapped ? wrapped.BaseObject : value;
            if (bare is string single) return new[] { single };
            if (bare is IEnumerable many) return many.Cast<object>().Select(m => (m is PSObject p ? p.BaseObject : m)?.ToString() ?? "");
            throw new MediaSyncException(Errors.ConflictingArguments("Each bundle in -Definition maps to a member key or a list of member keys."));
        }

        protected override void ProcessRecord()
        {
            foreach (var file in Piped(InputObject))
            {
                _files.Add(file);
                WriteObject(file);
            }
        }

        protected override void EndProcessing() =>
            RunEngine(() =>
            {
                foreach (var bundle in MediaBundler.Bundle(_files, _bundles, Engine)) WriteObject(bundle);
            });
    }
}
