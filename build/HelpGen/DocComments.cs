using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MediaSync.HelpGen
{
    /// <summary>
    /// The compiler's XML doc file. A cmdlet class documents itself with &lt;para type="synopsis"&gt;,
    /// &lt;para type="description"&gt; (one per paragraph), &lt;example&gt; (a &lt;code&gt; and &lt;para&gt; remarks) and
    /// &lt;para type="link"&gt;; a parameter with its &lt;summary&gt;.
    /// </summary>
    public sealed class DocComments
    {
        private readonly Dictionary<string, XElement> _members;

        private DocComments(Dictionary<string, XElement> members) => _members = members;

        public static DocComments Load(string path) => new DocComments(
            XDocument.Load(path).Descendants("member").Where(m => m.Attribute("name") != null)
                .ToDictionary(m => m.Attribute("name")!.Value, m => m));

        public XElement? Type(string fullName) => _members.GetValueOrDefault("T:" + fullName);

        public XElement? Property(string declaringType, string name) => _members.GetValueOrDefault("P:" + declaringType + "." + name);

        /// <summary>Element text with its whitespace folded, &lt;see cref&gt; and &lt;c&gt; turned into plain words.</summary>
        public static string Text(XElement element)
        {
            var parts = element.Nodes().Select(node => node switch
            {
                XText text => text.Value,
                XElement { Name.LocalName: "see" } see => see.Attribute("cref")?.Value.Split('.', ':').Last() ?? see.Attribute("langword")?.Value ?? see.Value,
                XElement inner => Text(inner),
                _ => "",
            });
            return Regex.Replace(string.Concat(parts), @"\s+", " ").Trim();
        }

        /// <summary>Code as written: the common indentation removed, line breaks kept.</summary>
        public static string Code(XElement code)
        {
            var lines = code.Value.Replace("\r", "").Split('\n').ToList();
            while (lines.Count > 0 && lines[0].Trim().Length == 0) lines.RemoveAt(0);
            while (lines.Count > 0 && lines[^1].Trim().Length == 0) lines.RemoveAt(lines.Count - 1);
            var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
            return string.Join("\n", lines.Select(l => l.Length >= indent ? l.Substring(indent) : l.TrimStart()));
        }
    }
}
