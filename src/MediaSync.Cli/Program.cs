using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using MediaSync.Discovery;
using MediaSync.Processing;
using MediaSync.Publishing;
using MediaSync.Reporting;

namespace MediaSync.Cli
{
    /// <summary>
    /// mediasync list|publish|sync: the same engine as the cmdlets, for machines without PowerShell.
    /// Exit codes: 0 done, 1 some files failed, 2 bad arguments or a refused operation, 130 canceled, 3 an unexpected
    /// failure (a bug: one line, the stack trace with --verbose).
    /// </summary>
    public static class Program
    {
        private const string Usage = @"usage:
  mediasync sync    [--settings FILE (default ./mediasync.json)] [--what-if] [--delete] [--summary] [--verbose] [--force]
                    [--shard i/N (publish only part i of N, never delete) | --delete-only (write nothing, delete the orphans)]
                    the whole job from settings, exactly as Sync-Media: discover, bundle, process, fingerprint,
                    compress, write manifest.json, publish to the folder or store the settings name
  mediasync list    ROOT... [--app DIR]... [--media-directory-name NAME] [--include GLOB]... [--exclude GLOB]...
                    [--name KEY]... [--all] [--force] [--changed-since GIT-REVISION] [--follow-links]
  mediasync publish ROOT... [--app DIR]... [same discovery options] [--destination DIR (default ./out/public)]
                    [--mode Copy|Link] [--overwrite IfChanged|All|NewOnly|IfNewer|Clean] [--fallback None|Copy]
                    [--checksum] [--delete] [--max-delete N] [--throttle N] [--what-if] [--force] [--summary] [--verbose]
                    [--shard i/N | --delete-only]
                    [--process Minify|Fingerprint]... [--minifier Auto|Esbuild|NUglify] [--source-map] [--esbuild PATH] [--compress]
                    [--cache DIR | --no-cache]
                    [--s3 BUCKET [--s3-prefix P] [--s3-endpoint URL] [--s3-region R] [--path-style] [--s3-profile NAME]
                      [--public-base-url URL] [--multipart-threshold BYTES] [--part-size BYTES] [--max-retries N]
                      [--max-delete-percent N] [--expiration-days N] [--header-rule 'GLOB=Name: value[; Name: value]']...
                      [--request-timeout SECONDS (default 100)] [--create (the bucket, private, if it is not there)]]
                    [--azure CONTAINER [--azure-prefix P] [--azure-account-url URL | --azure-sas-url URL]
                      [--public-base-url URL] [--max-retries N] [--create] [the store options above]]
                    [--swift CONTAINER [--swift-prefix P] [--swift-auth-url URL] [the store options above]]
                    (S3 credentials come from the AWS SDK's standard chain: environment, profile, role; Azure's from
                     AZURE_STORAGE_CONNECTION_STRING, a SAS URL, or the Azure.Identity chain with --azure-account-url; a SAS
                     URL in MEDIASYNC_AZURE_SAS_URL stays out of the process list, and is used without the two options;
                     Swift's from OS_AUTH_URL/OS_USERNAME/OS_PASSWORD (Keystone v3) or ST_AUTH/ST_USER/ST_KEY (v1))
exit codes: 0 done, 1 some files failed, 2 a bad argument or setting, or a refused operation, 130 canceled,
            3 an unexpected failure (--verbose shows its stack trace)";

        public static int Main(string[] args)
        {
            // Messages name options as this command line spells them: --max-delete, not PowerShell's -MaxDelete.
            OptionNames.Style = CommandLineOption;
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
            try
            {
                var options = Options.Parse(args);
                var host = new ConsoleHost(stop.Token, options.Flag("verbose"), options.Flag("what-if"), options.Flag("force"));
                var code = options.Command switch
                {
                    "list" => List(options, host),
                    "publish" => Publish(options, host),
                    "sync" => SyncCommand.Run(options, host),
                    _ => throw new ArgumentException($"unknown command '{options.Command}'"),
                };
                return code != 0 ? code : host.ErrorCount > 0 ? 1 : 0;
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine("mediasync: " + e.Message);
                Console.Error.WriteLine(Usage);
                return 2;
            }
            catch (MediaSyncException e)
            {
                Console.Error.WriteLine($"ERROR [{e.Error.Id}]: {e.Message}");
                if (e.Error.RecommendedAction != null) Console.Error.WriteLine("  " + e.Error.RecommendedAction);
                return 2;
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine("mediasync: canceled");
                return 130;
            }
            catch (Exception e)
            {
                // Never .NET's "Unhandled exception" and exit 134: one line, and the stack only when asked for.
                Console.Error.WriteLine($"mediasync: unexpected failure ({e.GetType().Name}): {e.Message}");
                if (args.Contains("--verbose")) Console.Error.WriteLine(e);
                else Console.Error.WriteLine("  run again with --verbose for the stack trace, and report it");
                return 3;
            }
        }

        /// <summary>A SAS URL on a command line shows in every process list, so it may come from the environment instead.</summary>
        private static string? SasUrlFromEnvironment(Options options) =>
            options.Value("azure-account-url") == null && Environment.GetEnvironmentVariable("MEDIASYNC_AZURE_SAS_URL") is { Length: > 0 } sas ? sas : null;

        private static string CommandLineOption(string name) => name switch
        {
            "Path" or "LiteralPath" => "ROOT",
            "ThrottleLimit" => "--throttle",
            "EsbuildPath" => "--esbuild",
            "MediaDirectoryName" => "--media-directory-name",
            _ => OptionNames.Kebab(name),
        };

        private static MediaDiscoveryRequest DiscoveryRequest(Options options) => new MediaDiscoveryRequest
        {
            Roots = options.Positional.Select(Path.GetFullPath).ToList(),
            Apps = options.All("app").Select(Path.GetFullPath).ToList(),
            MediaDirectoryName = options.Value("media-directory-name") ?? "media",
            Include = options.All("include"),
            Exclude = options.All("exclude"),
            Names = options.All("name"),
            All = options.Flag("all"),
            Force = options.Flag("force"),
            ChangedSince = options.Value("changed-since"),
            FollowLinks = options.Flag("follow-links"),
        };

        private static int List(Options options, ConsoleHost host)
        {
            options.RejectUnknown("app", "media-directory-name", "include", "exclude", "name", "all", "force", "verbose", "changed-since", "follow-links");
            foreach (var file in MediaDiscovery.Discover(DiscoveryRequest(options), host))
                Console.WriteLine($"{file.Source,-14} {file.Length,10} {file.RelativePath}{(file.IsOverridden ? "  (shadowed)" : "")}{(file.Action != null ? "  (" + file.Action + ")" : "")}");
            return 0;
        }

        private static int Publish(Options options, ConsoleHost host)
        {
            options.RejectUnknown("app", "media-directory-name", "include", "exclude", "name", "all", "force", "verbose", "changed-since", "follow-links",
                "destination", "mode", "overwrite", "fallback", "checksum", "delete", "max-delete", "throttle", "what-if", "summary",
                "process", "minifier", "source-map", "esbuild", "compress", "cache", "no-cache", "s3", "s3-prefix", "s3-endpoint", "s3-region", "path-style",
                "max-delete-percent", "max-retries",
                "s3-profile", "public-base-url", "multipart-threshold", "part-size", "expiration-days", "header-rule",
                "azure", "azure-prefix", "azure-account-url", "azure-sas-url", "swift", "swift-prefix", "swift-auth-url", "request-timeout", "create",
                "shard", "delete-only");
            var timeout = TimeSpan.FromSeconds(options.Positive("request-timeout") ?? 100);
            var bucket = options.Value("s3");
            var s3Options = new MediaSync.Stores.S3StoreOptions { Bucket = bucket ?? "" };
            if (options.Value("s3-prefix") is string prefix) s3Options.Prefix = prefix;
            if (options.Value("s3-region") is string region) s3Options.Region = region;
            if (options.Int("max-retries") is int retries) s3Options.MaxRetries = retries;
            s3Options.RequestTimeout = timeout;
            if (options.Long("multipart-threshold") is long threshold) s3Options.MultipartThreshold = threshold;
            if (options.Long("part-size") is long partSize) s3Options.PartSize = partSize;
            s3Options.EndpointUrl = options.Url("s3-endpoint");
            s3Options.ForcePathStyle = options.Flag("path-style");
            s3Options.ProfileName = options.Value("s3-profile");
            s3Options.PublicBaseUrl = options.Url("public-base-url");
            s3Options.Create = options.Flag("create");
            using var s3Store = bucket == null ? null : new MediaSync.Stores.S3Store(s3Options);
            var container = options.Value("azure");
            using var swift = options.Value("swift") is string swiftContainer ? new MediaSync.Stores.SwiftStore(new MediaSync.Stores.SwiftStoreOptions
            {
                Container = swiftContainer, Prefix = options.Value("swift-prefix") ?? "", AuthUrl = options.Url("swift-auth-url"),
                PublicBaseUrl = options.Url("public-base-url"), MaxRetries = options.Int("max-retries") ?? 5, RequestTimeout = timeout,
            }) : null;
            var store = swift != null ? swift : container == null ? s3Store : MediaSync.Stores.AzureBlobStores.Open(new MediaSync.Stores.AzureBlobStoreOptions
            {
                Container = container, Prefix = options.Value("azure-prefix") ?? "", AccountUrl = options.Url("azure-account-url"),
                SasUrl = options.Url("azure-sas-url") ?? SasUrlFromEnvironment(options), PublicBaseUrl = options.Url("public-base-url"), MaxRetries = options.Int("max-retries") ?? 5,
                RequestTimeout = timeout, Create = options.Flag("create"),
            });
            // The request, header rules included, is read before any file is found, so a bad option fails at once.
            var request = new PublishRequest(store != null ? null : Path.GetFullPath(options.Value("destination") ?? Path.Combine("out", "public")));
            request.Mode = options.Enum("mode", PublishMode.Copy);
            request.Overwrite = options.Value("overwrite") == null ? null : options.Enum("overwrite", OverwriteStrategy.IfChanged);
            request.Fallback = options.Value("fallback") == null ? null : options.Enum("fallback", LinkFallback.None);
            request.Checksum = options.Flag("checksum");
            request.Delete = options.Flag("delete");
            request.Shard = options.Shard();
            request.DeleteOnly = options.Flag("delete-only");
            request.MaxDelete = options.Int("max-delete");
            request.MaxDeletePercent = options.Int("max-delete-percent");
            request.ThrottleLimit = options.Int("throttle");
            request.WhatIf = options.Flag("what-if");
            if (options.Int("expiration-days") is int days) request.Headers.ExpirationDays = days;
            foreach (var rule in options.All("header-rule")) request.Headers.Rules.Add(MediaSync.Stores.HeaderRule.Parse(rule));
            // The sources are checked against the destination, then it is listed while files are found and processed.
            var discovery = DiscoveryRequest(options);
            var listing = Publisher.StartListing(request, store, host.Cancellation, MediaDiscovery.SourceFolders(discovery));
            IReadOnlyList<MediaFile> files = MediaDiscovery.Discover(discovery, host).ToList();
            var cache = options.Flag("no-cache") ? null : new MediaSync.Processing.Cache.ProcessingCache(options.Value("cache") ?? MediaSync.Processing.Cache.ProcessingCache.DefaultFolder);
            if (options.All("process").Count > 0)
            {
                var processing = Stopwatch.StartNew();
                // esbuild is looked for beside this program (runtimes/<rid>/esbuild), as in the module, then on PATH
                var settings = new ProcessorSettings
                {
                    EsbuildPath = options.Value("esbuild"), ModuleRoot = AppContext.BaseDirectory, Minifier = options.Enum("minifier", MinifierChoice.Auto),
                    Esbuild = new EsbuildOptions { SourceMap = options.Flag("source-map") },
                };
                var steps = options.All("process").Select(name => BuiltInProcessors.Create(name, settings)).ToList();
                files = MediaProcessing.Run(files, steps, host, cache);
                host.WriteVerbose($"processed {files.Count} files in {processing.Elapsed.TotalSeconds:0.000} s");
            }
            if (options.Flag("compress")) files = MediaCompression.Compress(files, new CompressionRequest { Cache = cache }, host).ToList();
            var results = store == null ? Publisher.Publish(request, files, host, listing) : Publisher.Publish(request, files, store, host, listing);
            return Report(options, each => PublishSummary.Collect(store?.Name ?? request.Destination!, store != null, results, each));
        }

        /// <summary>One line per result that did something (all with --verbose, none with --summary), then the summary; 1 when a file failed.</summary>
        internal static int Report(Options options, Func<Action<PublishResult>, PublishSummary> collect)
        {
            var writer = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
            var summary = collect(result =>
            {
                if (!options.Flag("summary") && (result.Action != PublishAction.Skipped || options.Flag("verbose")))
                    writer.WriteLine($"{result.Action + (result.WhatIf ? "?" : ""),-8} {result.Reason,-13} {result.RelativePath}");
            });
            writer.WriteLine(summary.ToString());
            writer.Flush();
            return summary.Failed > 0 ? 1 : 0;
        }
    }

    /// <summary>--name value / --flag / positional arguments.</summary>
    internal sealed class Options
    {
        private static readonly HashSet<string> Flags = new HashSet<string>
        {
            "all", "force", "follow-links", "checksum", "delete", "what-if", "summary", "verbose", "compress", "no-cache", "path-style", "create", "source-map", "delete-only",
        };
        private readonly Dictionary<string, List<string>> _values = new Dictionary<string, List<string>>();

        public string Command { get; private set; } = "";
        public List<string> Positional { get; } = new List<string>();

        public static Options Parse(string[] args)
        {
            if (args.Length == 0 || args[0].StartsWith("-", StringComparison.Ordinal)) throw new ArgumentException("give a command: list, publish or sync");
            var options = new Options { Command = args[0] };
            for (var i = 1; i < args.Length; i++)
            {
                var arg = args[i];
                if (!arg.StartsWith("--", StringComparison.Ordinal)) { options.Positional.Add(arg); continue; }
                var name = arg.Substring(2);
                if (!options._values.TryGetValue(name, out var list)) options._values[name] = list = new List<string>();
                if (Flags.Contains(name)) { list.Add("true"); continue; }
                if (i + 1 >= args.Length) throw new ArgumentException($"--{name} needs a value");
                list.Add(args[++i]);
            }
            return options;
        }

        public void RejectUnknown(params string[] known)
        {
            var unknown = _values.Keys.Except(known).FirstOrDefault();
            if (unknown != null) throw new ArgumentException($"unknown option --{unknown}");
        }

        public bool Flag(string name) => _values.ContainsKey(name);
        public string? Value(string name) => _values.TryGetValue(name, out var list) ? list.Last() : null;
        public List<string> All(string name) => _values.TryGetValue(name, out var list) ? list : new List<string>();

        /// <summary>A whole-number option, or null when it is not given (the engine has the default).</summary>
        public int? Int(string name) => Long(name) is long value
            ? value >= int.MinValue && value <= int.MaxValue ? (int)value : throw new ArgumentException($"--{name} is out of range")
            : (int?)null;

        public long? Long(string name)
        {
            var text = Value(name);
            if (text == null) return null;
            return long.TryParse(text, out var value) ? value : throw new ArgumentException($"--{name} takes a whole number, not '{text}'");
        }

        /// <summary>A whole number of at least 1, or null when it is not given.</summary>
        public int? Positive(string name) => Int(name) is int value
            ? value >= 1 ? value : throw new ArgumentException($"--{name} takes a whole number of at least 1, not '{Value(name)}'")
            : (int?)null;

        /// <summary>--shard i/N, or null when it is not given.</summary>
        public Publishing.Shard? Shard() => Value("shard") is string text ? Publishing.Shard.Parse(text) : null;

        /// <summary>An absolute http(s) URL, or null when it is not given; the stores would throw UriFormatException on anything else.</summary>
        public string? Url(string name)
        {
            var text = Value(name);
            if (text == null) return null;
            return Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
                ? text
                // a SAS URL is not echoed: it carries its token
                : throw new ArgumentException($"--{name} takes an absolute http:// or https:// URL, not " + (name.Contains("sas") ? "the one given" : $"'{text}'"));
        }

        public T Enum<T>(string name, T fallback) where T : struct
        {
            var text = Value(name);
            if (text == null) return fallback;
            return System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(typeof(T), value)
                ? value
                : throw new ArgumentException($"--{name} takes one of {string.Join(", ", System.Enum.GetNames(typeof(T)))}, not '{text}'");
        }
    }
}
