using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using MediaSync.Content;
using MediaSync.Processing;
using MediaSync.Reporting;

namespace MediaSync.PowerShell.Infrastructure
{
    /// <summary>
    /// A processor written as a scriptblock: it gets the file as $_ and $args[0] (Text, Bytes, ContentType,
    /// RelativePath) and returns a string or bytes to replace the content, or $null to leave it.
    /// </summary>
    internal sealed class ScriptBlockProcessor : IMediaProcessor
    {
        private readonly ScriptBlock _script;

        public ScriptBlockProcessor(ScriptBlock script, int position)
        {
            _script = script;
            Name = "ScriptBlock" + position;
        }

        /// <summary>The step for a scriptblock: cached only when the user gave an identity (-CacheIdentity).</summary>
        public static IMediaProcessor Create(ScriptBlock script, int position, string? cacheIdentity) =>
            cacheIdentity == null ? new ScriptBlockProcessor(script, position) : (IMediaProcessor)new Cached(new ScriptBlockProcessor(script, position), cacheIdentity);

        private sealed class Cached : MediaSync.Processing.Cache.ICacheableMediaProcessor
        {
            private readonly ScriptBlockProcessor _inner;
            public Cached(ScriptBlockProcessor inner, string identity) { _inner = inner; CacheIdentity = "script " + inner.Name + " " + identity; }
            public string Name => _inner.Name;
            public string CacheIdentity { get; }
            public bool Accepts(MediaFile file) => _inner.Accepts(file);
            public MediaContent? Process(MediaFile file, IEngineHost host) => _inner.Process(file, host);
        }

        public string Name { get; }
        public bool Accepts(MediaFile file) => true;

        public MediaContent? Process(MediaFile file, IEngineHost host)
        {
            var input = new ProcessorInput(file);
            var output = _script.InvokeWithContext(null, new List<PSVariable> { new PSVariable("_", input) }, input)
                .Where(o => o != null).Select(o => o.BaseObject).ToList();
            var bytes = ToBytes(output);
            return bytes == null ? null : MediaContent.FromBytes(bytes);
        }

        /// <summary>A string, several strings (lines), bytes (a returned byte[] arrives unrolled), or nothing.</summary>
        internal static byte[]? ToBytes(IReadOnlyList<object> output)
        {
            if (output.Count == 0) return null;
            if (output.Count == 1 && output[0] is byte[] array) return array;
            if (output.All(o => o is byte)) return output.Cast<byte>().ToArray();
            if (output.All(o => o is string)) return Encoding.UTF8.GetBytes(string.Join("\n", output.Cast<string>()));
            throw new InvalidOperationException(
                $"the script returned {string.Join(", ", output.Select(o => o.GetType().Name).Distinct())}; return a string, bytes or $null.");
        }
    }
}
