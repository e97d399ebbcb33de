using System;
using System.Text;

namespace MediaSync.Processing.References
{
    internal enum ReferenceKind { Url, Import, SourceMap, StaticImport, DynamicImport, NewUrl }

    /// <summary>
    /// A reference found in a stylesheet or script: the span of its raw text (inside any quotes), its value with
    /// escapes resolved, and how the raw text is quoted, so a rewrite can write a new value in the same place.
    /// </summary>
    internal readonly struct TextReference
    {
        public TextReference(int start, int length, string value, ReferenceKind kind, char quote)
        {
            Start = start;
            Length = length;
            Value = value;
            Kind = kind;
            Quote = quote;
        }

        public int Start { get; }
        public int Length { get; }
        public string Value { get; }
        public ReferenceKind Kind { get; }
        /// <summary>The quote around the raw text (' " or ` for a template), or '\0' for an unquoted url() or a comment.</summary>
        public char Quote { get; }

        /// <summary>A JS import that the manifest lists for modulepreload (static import and export-from).</summary>
        public bool IsStaticImport => Kind == ReferenceKind.StaticImport;

        /// <summary><paramref name="url"/> written so it reads back as itself where this reference stood.</summary>
        public string Encode(string url)
        {
            if (Kind == ReferenceKind.SourceMap) return url;
            var text = new StringBuilder(url.Length);
            foreach (var c in url)
            {
                var special = Quote == '\0' ? c == '(' || c == ')' || c == '"' || c == '\'' || c == '\\' || char.IsWhiteSpace(c) && Kind == ReferenceKind.Url
                    : c == Quote || c == '\\' || Quote == '`' && c == '$';
                if (special) text.Append('\\');
                text.Append(c);
            }
            return text.ToString();
        }
    }

    /// <summary>Rewrites references in text, back to front so earlier spans stay valid.</summary>
    internal static class ReferenceRewriter
    {
        public static string Apply(string text, System.Collections.Generic.IReadOnlyList<(TextReference Reference, string NewValue)> edits)
        {
            if (edits.Count == 0) return text;
            var builder = new StringBuilder(text);
            for (var i = edits.Count - 1; i >= 0; i--)
            {
                var (reference, value) = edits[i];
                builder.Remove(reference.Start, reference.Length).Insert(reference.Start, reference.Encode(value));
            }
            return builder.ToString();
        }

        internal static bool StartsAt(string text, int at, string word) =>
            at + word.Length <= text.Length && string.Compare(text, at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0;

        /// <summary>The URL of a sourceMappingURL comment body starting at <paramref name="at"/> ("# sourceMappingURL=x"), or null.</summary>
        internal static TextReference? SourceMap(string text, int at, int end)
        {
            while (at < end && (text[at] == ' ' || text[at] == '\t')) at++;
            if (at >= end || (text[at] != '#' && text[at] != '@')) return null;
            at++;
            while (at < end && (text[at] == ' ' || text[at] == '\t')) at++;
            const string word = "sourceMappingURL=";
            if (at + word.Length > end || string.CompareOrdinal(text, at, word, 0, word.Length) != 0) return null;
            var start = at + word.Length;
            var stop = start;
            while (stop < end && !char.IsWhiteSpace(text[stop])) stop++;
            return stop > start ? new TextReference(start, stop - start, text.Substring(start, stop - start), ReferenceKind.SourceMap, '\0') : (TextReference?)null;
        }
    }
}
