using System;
using System.Collections.Generic;
using System.Text;

namespace MediaSync.Processing.References
{
    /// <summary>
    /// Finds the references in a script with a lexer that knows strings, template literals, comments and regular
    /// expression literals, so none of them is taken for code: sourceMappingURL comments, static import and
    /// export-from (minified too: from"./a.js"), import("literal") and new URL("literal", import.meta.url).
    /// </summary>
    internal static class JsReferences
    {
        private enum Kind { Name, String, Punct, Other }

        private readonly struct Token
        {
            public Token(Kind kind, string text, int start, int length, string value = "")
            {
                TokenKind = kind; Text = text; Start = start; Length = length; Value = value;
            }
            public Kind TokenKind { get; }
            public string Text { get; }
            public int Start { get; }
            public int Length { get; }
            public string Value { get; }
            public bool Is(string text) => (TokenKind == Kind.Name || TokenKind == Kind.Punct) && Text == text;
        }

        // After these words an expression starts, so a '/' opens a regular expression.
        private static readonly HashSet<string> ExpressionKeywords = new HashSet<string>(StringComparer.Ordinal)
        { "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await", "export", "default", "extends" };

        public static IReadOnlyList<TextReference> Find(string js)
        {
            var found = new List<TextReference>();
            var tokens = Lex(js, found);
            for (var t = 0; t < tokens.Count; t++)
            {
                var token = tokens[t];
                if (token.TokenKind != Kind.Name || t > 0 && tokens[t - 1].Is(".")) continue;
                var next = t + 1 < tokens.Count ? tokens[t + 1] : default;
                if (token.Text == "import" && IsQuoted(next)) Add(found, js, next, ReferenceKind.StaticImport);
                else if (token.Text == "from" && IsQuoted(next) && t > 0 && (tokens[t - 1].Is("}") || tokens[t - 1].Is("*") || tokens[t - 1].TokenKind == Kind.Name))
                    Add(found, js, next, ReferenceKind.StaticImport);
                else if (token.Text == "import" && next.Is("(") && Matches(tokens, t + 2, Kind.String) && (tokens[t + 3].Is(")") || tokens[t + 3].Is(",")))
                    Add(found, js, tokens[t + 2], ReferenceKind.DynamicImport);
                else if (token.Text == "new" && next.Is("URL") && Matches(tokens, t + 2, Kind.Punct) && tokens[t + 2].Is("(") && Matches(tokens, t + 3, Kind.String)
                    && Sequence(tokens, t + 4, ",", "import", ".", "meta", ".", "url"))
                    Add(found, js, tokens[t + 3], ReferenceKind.NewUrl);
            }
            found.Sort((a, b) => a.Start.CompareTo(b.Start));
            return found;
        }

        /// <summary>A string in quotes, the only form a static import or export-from specifier takes (a template is not one).</summary>
        private static bool IsQuoted(Token token) => token.TokenKind == Kind.String && token.Text.Length == 0;

        private static string Cooked(string js, int from, int to)
        {
            var value = new StringBuilder();
            var i = from;
            while (i < to)
            {
                if (js[i] == '\\' && i + 1 < to) i = Escape(js, i, value);
                else value.Append(js[i++]);
            }
            return value.ToString();
        }

        private static bool Matches(List<Token> tokens, int at, Kind kind) => at < tokens.Count && tokens[at].TokenKind == kind && at + 1 < tokens.Count;

        private static bool Sequence(List<Token> tokens, int at, params string[] texts)
        {
            for (var k = 0; k < texts.Length; k++)
                if (at + k >= tokens.Count || !tokens[at + k].Is(texts[k])) return false;
            return true;
        }

        private static void Add(List<TextReference> found, string js, Token token, ReferenceKind kind) =>
            found.Add(new TextReference(token.Start + 1, token.Length - 2, token.Value, kind, js[token.Start]));

        private static List<Token> Lex(string js, List<TextReference> maps)
        {
            var tokens = new List<Token>();
            var templates = new Stack<int>(); // brace depth at each open ${ of a template literal
            var braces = 0;
            var i = 0;
            while (i < js.Length)
            {
                var c = js[i];
                if (char.IsWhiteSpace(c)) { i++; continue; }
                if (c == '/' && i + 1 < js.Length && (js[i + 1] == '/' || js[i + 1] == '*'))
                {
                    var line = js[i + 1] == '/';
                    var end = line ? js.IndexOf('\n', i + 2) : js.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    if (end < 0) end = js.Length;
                    var map = ReferenceRewriter.SourceMap(js, i + 2, end);
                    if (map != null) maps.Add(map.Value);
                    i = line ? end : Math.Min(js.Length, end + 2);
                    continue;
                }
                var start = i;
                if (c == '"' || c == '\'')
                {
                    var value = new StringBuilder();
                    i++;
                    while (i < js.Length && js[i] != c && js[i] != '\n')
                    {
                        if (js[i] == '\\' && i + 1 < js.Length) { i = Escape(js, i, value); continue; }
                        value.Append(js[i++]);
                    }
                    i = Math.Min(js.Length, i + 1);
                    tokens.Add(new Token(Kind.String, "", start, i - start, value.ToString()));
                }
                else if (c == '`' || c == '}' && templates.Count > 0 && templates.Peek() == braces)
                {
                    if (c == '}') templates.Pop();
                    i = Template(js, i + 1, out var opensExpression);
                    if (opensExpression) templates.Push(braces);
                    // A whole template with no ${} is a string to import() and new URL(), as it is to the browser (and Django).
                    if (c == '`' && !opensExpression && i - start >= 2 && js[i - 1] == '`')
                        tokens.Add(new Token(Kind.String, "`", start, i - start, Cooked(js, start + 1, i - 1)));
                    else tokens.Add(new Token(opensExpression ? Kind.Punct : Kind.Other, opensExpression ? "${" : "`", start, i - start));
                }
                else if (c == '/' && RegexAllowed(tokens))
                {
                    i = Regex(js, i + 1);
                    tokens.Add(new Token(Kind.Other, "/re/", start, i - start));
                }
                else if (IsNameChar(c))
                {
                    while (i < js.Length && (IsNameChar(js[i]) || js[i] == '\\')) i++;
                    var text = js.Substring(start, i - start);
                    tokens.Add(new Token(char.IsDigit(c) ? Kind.Other : Kind.Name, text, start, i - start));
                }
                else
                {
                    if (c == '{') braces++;
                    else if (c == '}') braces--;
                    i++;
                    tokens.Add(new Token(Kind.Punct, c.ToString(), start, 1));
                }
            }
            return tokens;
        }

        private static bool RegexAllowed(List<Token> tokens)
        {
            if (tokens.Count == 0) return true;
            var last = tokens[tokens.Count - 1];
            switch (last.TokenKind)
            {
                case Kind.Name: return ExpressionKeywords.Contains(last.Text);
                case Kind.Punct: return !(last.Text == ")" || last.Text == "]" || last.Text == "}");
                default: return false; // after a string, number, template or regex: division
            }
        }

        /// <summary>Skips template characters from <paramref name="at"/> to the closing backtick or an opening ${.</summary>
        private static int Template(string js, int at, out bool opensExpression)
        {
            var i = at;
            while (i < js.Length)
            {
                if (js[i] == '\\') { i += 2; continue; }
                if (js[i] == '`') { opensExpression = false; return i + 1; }
                if (js[i] == '$' && i + 1 < js.Length && js[i + 1] == '{') { opensExpression = true; return i + 2; }
                i++;
            }
            opensExpression = false;
            return js.Length;
        }

        private static int Regex(string js, int at)
        {
            var i = at;
            var inClass = false;
            while (i < js.Length && js[i] != '\n')
            {
                var c = js[i];
                if (c == '\\') { i += 2; continue; }
                if (c == '[') inClass = true;
                else if (c == ']') inClass = false;
                else if (c == '/' && !inClass) { i++; break; }
                i++;
            }
            while (i < js.Length && IsNameChar(js[i])) i++; // flags
            return Math.Min(i, js.Length);
        }

        private static int Escape(string js, int at, StringBuilder value)
        {
            var c = js[at + 1];
            if (c == 'u' && at + 5 < js.Length && js[at + 2] != '{')
            {
                if (int.TryParse(js.Substring(at + 2, 4), System.Globalization.NumberStyles.HexNumber, null, out var code)) { value.Append((char)code); return at + 6; }
            }
            value.Append(c == 'n' ? '\n' : c == 't' ? '\t' : c);
            return at + 2;
        }

        private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80;
    }
}
