using System.Management.Automation;
using MediaSync.Web;

namespace MediaSync.PowerShell.Infrastructure
{
    /// <summary>What Get-MediaUrl and Get-MediaTag share: the settings they read and how a URL is asked for.</summary>
    public abstract class MediaUrlCmdlet : SettingsCmdlet
    {
        /// <summary>The store's public URL instead of the local one (or the ServeRemote setting).</summary>
        [Parameter]
        public SwitchParameter Remote { get; set; }

        /// <summary>Always https (or the UseSsl setting).</summary>
        [Parameter]
        public SwitchParameter UseSsl { get; set; }

        /// <summary>Whether the page's request came over https; absolute URLs follow it. Not given: protocol-relative.</summary>
        [Parameter]
        public SwitchParameter RequestIsSecure { get; set; }

        /// <summary>
        /// The page request's Accept-Encoding header: the URL names the manifest's .br, else .gz, twin when the client
        /// accepts it (q-values honoured) and the ServeCompressed setting is on (the default).
        /// </summary>
        [Parameter]
        public string? AcceptEncoding { get; set; }

        internal MediaUrls? Urls { get; private set; }

        internal UrlOptions Options => new UrlOptions
        {
            Remote = Remote.IsPresent,
            UseSsl = UseSsl.IsPresent,
            AcceptEncoding = AcceptEncoding,
            RequestIsSecure = MyInvocation.BoundParameters.ContainsKey(nameof(RequestIsSecure)) ? RequestIsSecure.IsPresent : (bool?)null,
        };

        /// <summary>Settings and manifest.json are read once, before the first path.</summary>
        protected override void BeginProcessing() => RunEngine(() => Urls = new MediaUrls(ResolveSettings()));
    }
}
