using System;
using System.Text;

namespace MediaSync.Processing
{
    /// <summary>
    /// A conservative CSS minifier for when esbuild is missing: it removes comments (keeping /*! */) and whitespace
    /// that cannot matter, and copies strings, url(), escapes and custom-property values exactly (their whitespace
    /// only collapses). Where a space might matter (a descendant ":hover", "and (", calc's "+ -") it stays.
    /// </summary>
    internal static class CssFallbackMinifier
    {
        // Whitespace next to these never changes meaning.
        private const string Tight = "{};,>~";

        public static string Minify(string css)
        {
            var output = new StringBuilder(css.Length);
            var pendingSpace = false;
            var customDepth = -1;        // >= 0 while inside a custom property's value: brace depth there
            var i = 0;
            while (i < css.Length)
            {
                var c = css[i];
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = true;
                    i++;
                    continue;
                }
                if (c == '/' && i + 1 < css.Length && css[i + 1] == '*')
                {
                    var end = css.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    end = end < 0 ? css.Length : end + 2;
                    if (i + 2 < css.Length && css[i + 2] == '!')
                    {
                        FlushSpace(output, ref pendingSpace, c, customDepth >= 0);
                        output.Append(css, i, end - i);
                    }
                    else pendingSpace = true; // a comment separates tokens like whitespace does
                    i = end;
                    continue;
                }

                FlushSpace(output, ref pendingSpace, c, customDepth >= 0);
                if (c == '"' || c == '\'') { i = CopyString(css, i, output); continue; }
                if (c == '\\') { i = CopyEscape(css, i, output); continue; }
                if ((c == 'u' || c == 'U') && IsUrlStart(css, i)) { i = CopyUrl(css, i, output); continue; }

                if (customDepth < 0 && c == '-' && i + 1 < css.Length && css[i + 1] == '-' && StartsDeclaration(output))
                {
                    // a custom property: copy its name, then keep its value's tokens as written
                    var colon = css.IndexOf(':', i);
                    if (colon > 0)
                    {
                        output.Append(css, i, colon - i).Append(':');
                        i = colon + 1;
                        while (i < css.Length && char.IsWhiteSpace(css[i])) i++;
                        customDepth = 0;
                        continue;
                    }
                }
                if (customDepth >= 0)
                {
                    if (c == '{' || c == '(' || c == '[') customDepth++;
                    else if (c == '}' || c == ')' || c == ']')
                    {
                        if (customDepth == 0 && c == '}') { TrimTrailingSpace(output); customDepth = -1; }
                        else customDepth--;
                    }
                    else if (c == ';' && customDepth == 0) { TrimTrailingSpace(output); customDepth = -1; }
                }
                // the last declaration needs no ';'
                if (c == '}' && customDepth < 0 && output.Length > 0 && output[output.Length - 1] == ';') output.Length--;
                output.Append(c);
                i++;
            }
            return output.ToString().Trim();
        }

        private static void FlushSpace(StringBuilder output, ref bool pendingSpace, char next, bool inCustomValue)
        {
            if (!pendingSpace) return;
            pendingSpace = false;
            if (output.Length == 0) return;
            var previous = output[output.Length - 1];
            // A space after ':' never matters; one before it may be a descendant combinator (".a :hover"), so it stays.
            if (!inCustomValue && (Tight.IndexOf(previous) >= 0 || Tight.IndexOf(next) >= 0 || previous == '(' || next == ')' || previous == ':'))
                return;
            output.Append(' ');
        }

        private static bool StartsDeclaration(StringBuilder output)
        {
            for (var i = output.Length - 1; i >= 0; i--)
            {
                var c = output[i];
                if (c == '{' || c == ';') return true;
                if (!char.IsWhiteSpace(c)) return false;
            }
            return false;
        }

        private static void TrimTrailingSpace(StringBuilder output)
        {
            while (output.Length > 0 && output[output.Length - 1] == ' ') output.Length--;
        }

        private static int CopyString(string css, int start, StringBuilder output)
        {
            var quote = css[start];
            var i = start + 1;
            while (i < css.Length && css[i] != quote && css[i] != '\n')
                i += css[i] == '\\' && i + 1 < css.Length ? 2 : 1;
            var end = Math.Min(css.Length, i + 1);
            output.Append(css, start, end - start);
            return end;
        }

        private static int CopyEscape(string css, int start, StringBuilder output)
        {
            var i = start + 1;
            var hex = 0;
            while (i < css.Length && hex < 6 && Uri.IsHexDigit(css[i])) { i++; hex++; }
            if (hex == 0 && i < css.Length) i++;
            else if (hex > 0 && i < css.Length && char.IsWhiteSpace(css[i])) i++; // the space ends the escape and belongs to it
            output.Append(css, start, i - start);
            return i;
        }

        private static bool IsUrlStart(string css, int i) =>
            i + 4 <= css.Length && string.Compare(css, i, "url(", 0, 4, StringComparison.OrdinalIgnoreCase) == 0
            && (i == 0 || !(char.IsLetterOrDigit(css[i - 1]) || css[i - 1] == '-' || css[i - 1] == '_'));

        private static int CopyUrl(string css, int start, StringBuilder output)
        {
            var i = start + 4;
            while (i < css.Length && char.IsWhiteSpace(css[i])) i++;
            if (i < css.Length && (css[i] == '"' || css[i] == '\'')) return Append(output, css, start, i); // url("...") is a function with a string
            while (i < css.Length && css[i] != ')') i += css[i] == '\\' ? 2 : 1;
            return Append(output, css, start, Math.Min(css.Length, i + 1));
        }

        private static int Append(StringBuilder output, string css, int start, int end)
        {
            output.Append(css, start, end - start);
            return end;
        }
    }
}
