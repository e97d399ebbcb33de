using System;
using System.Collections.Generic;
using System.Linq;
using MediaSync.Reporting;

namespace MediaSync.Processing.References
{
    /// <summary>The files a script imports statically (import, export-from), for the manifest's "imports".</summary>
    internal static class ModuleImports
    {
        /// <summary>
        /// The logical keys of the files <paramref name="file"/> imports statically, resolved against the published keys
        /// in <paramref name="logicalOf"/> (published key to logical key), sorted ordinal; empty for no script.
        /// </summary>
        public static IReadOnlyList<string> Of(MediaFile file, IReadOnlyDictionary<string, string> logicalOf)
        {
            if (!TextCodec.IsJs(file.RelativePath)) return Array.Empty<string>();
            string text;
            try { text = TextCodec.Decode(file.Content.ReadAllBytes(), file.RelativePath).Text; }
            catch (MediaSyncException) { return Array.Empty<string>(); } // refused, and said so, where it was processed
            var imports = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var reference in JsReferences.Find(text).Where(r => r.IsStaticImport))
            {
                var resolved = ReferenceGraph.Resolve(file.RelativePath, reference, null, logicalOf.ContainsKey);
                if (resolved?.Target != null) imports.Add(logicalOf[resolved.Target]);
            }
            return imports.ToList();
        }
    }
}
