using System;
using System.IO;
using MediaSync.Processing;
using MediaSync.Settings;

namespace MediaSync.Cli
{
    /// <summary>
    /// mediasync sync: Sync-Media for build agents without pwsh. The same engine job (SyncJob) from the same settings,
    /// --settings FILE or ./mediasync.json, with the same summary; --what-if writes nothing, --delete overrides Delete.
    /// </summary>
    internal static class SyncCommand
    {
        public static int Run(Options options, ConsoleHost host)
        {
            options.RejectUnknown("settings", "what-if", "delete", "summary", "verbose", "force", "shard", "delete-only");
            if (options.Positional.Count > 0)
                throw new ArgumentException($"mediasync sync takes no ROOT ('{options.Positional[0]}'): the settings name the roots (--settings FILE or ./mediasync.json)");
            var settings = options.Value("settings") is string path
                ? SettingsReader.ReadFile(Path.GetFullPath(path))
                : SettingsReader.Find(Directory.GetCurrentDirectory());
            var request = new SyncRequest(settings)
            {
                WhatIf = options.Flag("what-if"),
                Delete = options.Flag("delete") ? true : (bool?)null,
                Shard = options.Shard(),
                DeleteOnly = options.Flag("delete-only"),
                // esbuild is looked for beside this program (runtimes/<rid>/esbuild), as in the module, then on PATH
                Processing = new ProcessorSettings { ModuleRoot = AppContext.BaseDirectory },
            };
            var results = SyncJob.Run(request, host);
            return Program.Report(options, each => SyncJob.Summarize(settings, results, each));
        }
    }
}
