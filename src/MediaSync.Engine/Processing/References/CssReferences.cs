using System;
using System.Collections.Generic;
using System.Text;

namespace MediaSync.Processing.References
{
    /// <summary>
    /// Finds the references in a stylesheet with a tokenizer (CSS Syntax Level 3, just enough of it): @import with
    /// or without whitespace, url() in every form, the strings of image-set(), and a sourceMappingURL comment.
    /// Comments and strings that are no reference (content: "url(x)") are skipped, so they are never rewritten.
    /// </summary>
    internal static class CssReferences
    {
        public static IReadOnlyList<TextReference> Find(string css)
        {
            var found = new List<TextReference>();
            var functions = new List<string>(); // open blocks: a function's name, or "" for ( [ {
            var importPending = false;
            var i = 0;
            while (i < css.Length)
            {
                var c = css[i];
                if (c == '/' && i + 1 < css.Length && css[i + 1] == '*')
                {
                    var end = css.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    if (end < 0) end = css.Length;
                    var map = ReferenceRewriter.SourceMap(css, i + 2, end);
                    if (map != null) found.Add(map.Value);
                    i = Math.Min(css.Length, end + 2);
                }
                else if (c == '"' || c == '\'')
                {
                    var (value, stop) = ReadString(css, i);
                    var inImageSet = functions.Count > 0 && functions[functions.Count - 1].EndsWith("image-set", StringComparison.OrdinalIgnoreCase);
                    if (importPending || inImageSet)
                        found.Add(new TextReference(i + 1, Math.Max(0, stop - i - 2), value, importPending ? ReferenceKind.Import : ReferenceKind.Url, c));
                    importPending = false;
                    i = stop;
                }
                else if (c == '\\' || IsNameStart(c) || c == '-' && i + 1 < css.Length && (IsNameStart(css[i + 1]) || css[i + 1] == '-'))
                {
                    var (name, stop) = ReadName(css, i);
                    if (stop < css.Length && css[stop] == '(')
                    {
                        if (string.Equals(name, "url", StringComparison.OrdinalIgnoreCase) && TryUrl(css, stop + 1, importPending, found, out var after))
                        {
                            importPending = false;
                            i = after;
                            continue;
                        }
                        functions.Add(name);
                        stop++;
                    }
                    i = Math.Max(stop, i + 1);
                }
                else if (c == '@')
                {
                    var (name, stop) = ReadName(css, i + 1);
                    importPending = string.Equals(name, "import", StringComparison.OrdinalIgnoreCase);
                    i = Math.Max(stop, i + 1);
                }
                else
                {
                    if (c == '(' || c == '[' || c == '{') functions.Add("");
                    else if ((c == ')' || c == ']' || c == '}') && functions.Count > 0) functions.RemoveAt(functions.Count - 1);
                    if (c == ';' || c == '{' || c == '}') importPending = false;
                    i++;
                }
            }
            return found;
        }

        /// <summary>An unquoted url( … ) token, or a url( whose argument is a string; false when it is neither (then it is a function).</summary>
        private static bool TryUrl(string css, int at, bool import, List<TextReference> found, out int after)
        {
            var kind = import ? ReferenceKind.Import : ReferenceKind.Url;
            var i = SkipSpace(css, at);
            after = i;
            if (i < css.Length && (css[i] == '"' || css[i] == '\''))
            {
                var (value, stop) = ReadString(css, i);
                found.Add(new TextReference(i + 1, Math.Max(0, stop - i - 2), value, kind, css[i]));
                var close = SkipSpace(css, stop);
                after = close < css.Length && css[close] == ')' ? close + 1 : close;
                return true;
            }
            var start = i;
            var text = new StringBuilder();
            while (i < css.Length && css[i] != ')' && !char.IsWhiteSpace(css[i]))
            {
                if (css[i] == '\\' && i + 1 < css.Length) i = Escape(css, i, text);
                else text.Append(css[i++]);
            }
            var length = i - start;
            i = SkipSpace(css, i);
            if (i < css.Length && css[i] != ')') return false; // a bad url token; leave it alone
            if (length > 0) found.Add(new TextReference(start, length, text.ToString(), kind, '\0'));
            after = Math.Min(css.Length, i + 1);
            return true;
        }

        private static (string Value, int Stop) ReadString(string css, int at)
        {
            var quote = css[at];
            var text = new StringBuilder();
            var i = at + 1;
            while (i < css.Length && css[i] != quote && css[i] != '\n')
            {
                if (css[i] == '\\' && i + 1 < css.Length)
                {
                    if (css[i + 1] == '\n') i += 2; // an escaped newline continues the string
                    else i = Escape(css, i, text);
                }
                else text.Append(css[i++]);
            }
            return (text.ToString(), i < css.Length && css[i] == quote ? i + 1 : i);
        }

        private static (string Name, int Stop) ReadName(string css, int at)
        {
            var text = new StringBuilder();
            var i = at;
            while (i < css.Length)
            {
                if (css[i] == '\\' && i + 1 < css.Length && css[i + 1] != '\n') i = Escape(css, i, text);
                else if (IsNameStart(css[i]) || char.IsDigit(css[i]) || css[i] == '-') text.Append(css[i++]);
                else break;
            }
            return (text.ToString(), i);
        }

        /// <summary>Reads the escape at <paramref name="at"/> ('\' then up to six hex digits and one space, or one character).</summary>
        private static int Escape(string css, int at, StringBuilder text)
        {
            var i = at + 1;
            var hex = 0;
            while (hex < 6 && i + hex < css.Length && Uri.IsHexDigit(css[i + hex])) hex++;
            if (hex == 0)
            {
                text.Append(css[i]);
                return i + 1;
            }
            var code = Convert.ToInt32(css.Substring(i, hex), 16);
            text.Append(code == 0 || code > 0x10FFFF || code >= 0xD800 && code <= 0xDFFF ? "\uFFFD" : char.ConvertFromUtf32(code));
            i += hex;
            if (i < css.Length && char.IsWhiteSpace(css[i])) i++;
            return i;
        }

        private static int SkipSpace(string css, int i)
        {
            while (i < css.Length && char.IsWhiteSpace(css[i])) i++;
            return i;
        }

        private static bool IsNameStart(char c) => c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80;
    }
}
