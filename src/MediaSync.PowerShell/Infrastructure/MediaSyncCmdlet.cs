using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using MediaSync.Reporting;

namespace MediaSync.PowerShell.Infrastructure
{
    /// <summary>What every MediaSync cmdlet shares: cancellation, the engine host, errors and path resolution.</summary>
    public abstract class MediaSyncCmdlet : PSCmdlet, IDisposable
    {
        private static int _nextActivityId;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private CmdletHost? _host;

        internal IEngineHost Engine => _host ??= new CmdletHost(this, _stop.Token, Interlocked.Increment(ref _nextActivityId));

        /// <summary>The module folder (esbuild ships in it): the DLL lives in &lt;module&gt;/bin/&lt;tfm&gt;/.</summary>
        internal static string ModuleRoot =>
            System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(typeof(MediaSyncCmdlet).Assembly.Location)!, "..", ".."));

        /// <summary>True when the cmdlet has a -Force that is set.</summary>
        internal virtual bool ForceRequested => false;

        /// <summary>True when -Confirm was given explicitly, either way: the user has already decided.</summary>
        internal bool ConfirmExplicitlySet => MyInvocation.BoundParameters.ContainsKey("Confirm");

        /// <summary>True under -WhatIf, or under $WhatIfPreference when -WhatIf is not given (-WhatIf:$false overrides it).</summary>
        internal bool IsWhatIf =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
                ? whatIf is SwitchParameter s && s.IsPresent
                : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>The files a pipeline brought, without the nulls PowerShell may bind.</summary>
        internal static IEnumerable<MediaFile> Piped(MediaFile[]? input) =>
            input == null ? Enumerable.Empty<MediaFile>() : input.Where(file => file != null);

        /// <summary>Runs engine work, turning engine refusals into terminating errors and Ctrl+C into a quiet stop.</summary>
        internal void RunEngine(Action action)
        {
            try
            {
                action();
            }
            catch (MediaSyncException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e.Error));
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>
        /// Resolves -Path values (wildcards allowed) to file-system paths. A path that matches nothing is passed on as
        /// written, so the engine reports it as one non-terminating error (as Get-ChildItem does) and knows the input
        /// is incomplete; a path of another provider is a bad argument.
        /// </summary>
        internal List<string> ResolvePaths(IEnumerable<string> paths, bool literal) =>
            ResolvePaths(SessionState.Path, paths, literal,
                path => ThrowTerminatingError(ErrorRecords.From(Errors.ConflictingArguments($"'{path}' is not a file-system path."))));

        /// <summary>The same over a session's paths, for what has no cmdlet (tab completion); <paramref name="notFileSystem"/> hears of another provider's path.</summary>
        internal static List<string> ResolvePaths(PathIntrinsics session, IEnumerable<string> paths, bool literal, Action<string> notFileSystem)
        {
            var resolved = new List<string>();
            foreach (var path in paths)
            {
                if (literal)
                {
                    resolved.Add(session.GetUnresolvedProviderPathFromPSPath(path));
                    continue;
                }
                Collection<string> matches;
                ProviderInfo provider;
                try
                {
                    matches = session.GetResolvedProviderPathFromPSPath(path, out provider);
                }
                catch (ItemNotFoundException)
                {
                    resolved.Add(session.GetUnresolvedProviderPathFromPSPath(path));
                    continue;
                }
                if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
                {
                    notFileSystem(path);
                    continue;
                }
                if (matches.Count == 0) resolved.Add(session.GetUnresolvedProviderPathFromPSPath(path));
                resolved.AddRange(matches);
            }
            return resolved;
        }

        internal string ResolveLiteral(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

        /// <summary>-CachePath (default out/cache under the current location), or no cache with -NoCache.</summary>
        internal MediaSync.Processing.Cache.ProcessingCache? OpenCache(string? path, bool noCache) =>
            noCache ? null : new MediaSync.Processing.Cache.ProcessingCache(ResolveLiteral(path ?? MediaSync.Processing.Cache.ProcessingCache.DefaultFolder));

        public void Dispose()
        {
            _stop.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
