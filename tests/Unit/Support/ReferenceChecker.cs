using System;
using System.Collections.Generic;
using System.Linq;
using MediaSync.Processing.References;

namespace MediaSync.Tests.Support
{
    /// <summary>Every relative reference in a set's stylesheets and scripts that names no key of the set, as "file -> reference".</summary>
    public static class ReferenceChecker
    {
        public static SortedSet<string> Unresolved(IEnumerable<MediaFile> files, string? mediaUrl = null)
        {
            var all = files.Where(f => f.ContentEncoding == null).ToList();
            var keys = new HashSet<string>(all.Select(f => f.RelativePath), StringComparer.Ordinal);
            var missing = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var file in all.Where(f => TextCodec.IsCss(f.RelativePath) || TextCodec.IsJs(f.RelativePath)))
            {
                var text = TextCodec.Decode(file.Content.ReadAllBytes(), file.RelativePath).Text;
                var found = TextCodec.IsCss(file.RelativePath) ? CssReferences.Find(text) : JsReferences.Find(text);
                foreach (var reference in found)
                {
                    var resolved = ReferenceGraph.Resolve(file.RelativePath, reference, mediaUrl, keys.Contains);
                    if (resolved != null && resolved.Target == null) missing.Add(file.LogicalPath + " -> " + reference.Value);
                }
            }
            return missing;
        }
    }
}
