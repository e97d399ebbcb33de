using System.Collections.Concurrent;
using System.Linq;
using System.Management.Automation;
using MediaSync.PowerShell.Infrastructure;
using MediaSync.Settings;
using MediaSync.Web;

namespace MediaSync.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Serves the merged media (project roots first, then apps) over HTTP while you develop.</para>
    /// <para type="description">Resolves keys exactly as Get-MediaFile does, and serves bundles from the settings joined at
    /// their keys, so pages that use a bundle's URL work. Keys are served at the root and under the MediaUrl setting's path
    /// (/media/css/site.css as well as /css/site.css), so a page rendered with Get-MediaUrl loads against it. Every request is read from disk, so a changed file is served
    /// fresh; ETag and Last-Modified give 304s. Nothing outside the roots is served: '..' (plain or encoded),
    /// backslashes, drive letters and links that lead out are refused. A FIFO, device or socket is never opened (opening
    /// a FIFO waits for a writer forever): it is a 403, as discovery skips it (MediaSync.NotAFile). A file that cannot be
    /// read is a 403 (no permission), 404 (gone) or 500 (locked, I/O error), never an empty 200. Every answer carries
    /// X-Content-Type-Options: nosniff. Files are streamed through one 64 KB buffer per download, so a large file
    /// costs no more memory than a small one (bundles are joined in memory). Listens on 127.0.0.1 unless -ListenAddress
    /// says otherwise (0.0.0.0 or :: listens on every address); when the address is refused, the terminating error
    /// MediaSync.ServerFailed says why: the port is in use, the address is not this machine's, or permission was
    /// denied. Runs until Ctrl+C, or with -AsJob in the background until Stop-Job.</para>
    /// </summary>
    /// <example>
    /// <code>
    /// $job = Start-MediaServer ./site/media -App ./site/apps/blog -Port 8765 -AsJob
    /// (Invoke-WebRequest http://127.0.0.1:8765/css/site.css -UseBasicParsing).StatusCode
    /// Stop-Job $job; Remove-Job $job
    /// </code>
    /// <para>Serves the project and blog media in the background, fetches a stylesheet (200), then stops the server.</para>
    /// </example>
    /// <example>
    /// <code>
    /// $job = Start-MediaServer -Settings @{ Roots = './site/media'; Bundles = @{ 'css/all.css' = 'css/site.css', 'blog/blog.css' } } -Port 8766 -DirectoryListing -AsJob
    /// (Invoke-WebRequest http://127.0.0.1:8766/css/all.css -UseBasicParsing).Headers['Content-Type']
    /// Stop-Job $job; Remove-Job $job
    /// </code>
    /// <para>Serves a bundle from the settings, joined, at css/all.css, with directory listings on; without -AsJob it would run until Ctrl+C.</para>
    /// </example>
    [Cmdlet(VerbsLifecycle.Start, "MediaServer", SupportsShouldProcess = true)]
    [OutputType(typeof(MediaServerInfo), typeof(Job))]
    public sealed class StartMediaServerCommand : SettingsCmdlet
    {
        /// <summary>Project media roots, highest precedence first (default: the Roots setting).</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>App folders whose media folders are served after the roots (default: the Apps setting).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? App { get; set; }

        /// <summary>The port (default: the ServerPort setting, 8000).</summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int Port { get; set; }

        /// <summary>The address to listen on (default: the ListenAddress setting, 127.0.0.1). Another address exposes your media to the network.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ListenAddress { get; set; }

        /// <summary>Lists a folder's merged entries when its URL is asked for.</summary>
        [Parameter]
        public SwitchParameter DirectoryListing { get; set; }

        /// <summary>Runs in the background and returns a job; Stop-Job stops the server.</summary>
        [Parameter]
        public SwitchParameter AsJob { get; set; }

        protected override void EndProcessing()
        {
            var log = new ConcurrentQueue<string>();
            var job = AsJob.IsPresent ? new MediaServerJob(MyInvocation.Line) : null;
            MediaServer? server = null;
            RunEngine(() =>
            {
                var settings = ResolveSettings();
                if (Path != null) settings.Roots = ResolvePaths(Path, literal: false);
                if (App != null) settings.Apps = ResolvePaths(App, literal: false);
                var options = new MediaServerOptions
                {
                    Port = MyInvocation.BoundParameters.ContainsKey(nameof(Port)) ? Port : settings.ServerPort,
                    ListenAddress = ListenAddress ?? settings.ListenAddress,
                    DirectoryListing = DirectoryListing.IsPresent,
                };
                if (!ShouldProcess($"http://{options.ListenAddress}:{options.Port}/", "Serve media")) return;
                server = MediaServer.Start(settings, options, Engine, job != null ? job.Log : (System.Action<string>)log.Enqueue);
            });
            if (server == null) return;
            if (job != null)
            {
                job.Started(server);
                JobRepository.Add(job);
                WriteObject(job);
                return;
            }
            using (server)
            {
                WriteObject(server.Info);
                WriteVerbose($"Serving {server.Url} until Ctrl+C.");
                while (!Engine.Cancellation.WaitHandle.WaitOne(200))
                    while (log.TryDequeue(out var line)) WriteVerbose(line);
            }
        }
    }
}
