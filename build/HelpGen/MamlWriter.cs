using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace MediaSync.HelpGen
{
    /// <summary>PowerShell's MAML command help: what Get-Help reads from en-US/&lt;assembly&gt;.dll-Help.xml.</summary>
    public static class MamlWriter
    {
        private static readonly XNamespace Msh = "http://msh";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        public static XDocument Write(IEnumerable<HelpCommand> commands) => new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
                new XAttribute(XNamespace.Xmlns + "maml", Maml), new XAttribute(XNamespace.Xmlns + "command", Command), new XAttribute(XNamespace.Xmlns + "dev", Dev),
                commands.Select(CommandElement)));

        private static XElement Paras(XName name, IEnumerable<string> paragraphs) =>
            new XElement(name, paragraphs.Select(p => new XElement(Maml + "para", p)));

        private static XElement CommandElement(HelpCommand command) => new XElement(Command + "command",
            new XElement(Command + "details",
                new XElement(Command + "name", command.Name),
                Paras(Maml + "description", new[] { command.Synopsis }),
                new XElement(Command + "verb", command.Verb),
                new XElement(Command + "noun", command.Noun)),
            Paras(Maml + "description", command.Description),
            new XElement(Command + "syntax", command.ParameterSets.Select(set => new XElement(Command + "syntaxItem",
                new XElement(Maml + "name", command.Name),
                command.Parameters.Where(p => p.Sets.Any(s => s.SetName == set || s.SetName == CmdletReader.AllSets))
                    .OrderBy(p => Use(p, set).Position ?? int.MaxValue).Select(p => Parameter(p, Use(p, set)))))),
            new XElement(Command + "parameters", command.Parameters.Select(p => Parameter(p, Merged(p)))),
            new XElement(Command + "inputTypes", command.Parameters.Where(p => p.Sets.Any(s => s.ByValue || s.ByPropertyName)).Select(p =>
                new XElement(Command + "inputType", Type(p.FullTypeName),
                    Paras(Maml + "description", new[] { $"-{p.Name}" + (p.Sets.Any(s => s.ByValue) ? " from the pipeline" : " by property name (" + string.Join(", ", new[] { p.Name }.Concat(p.Aliases)) + ")") })))),
            new XElement(Command + "returnValues", command.Outputs.Select(o => new XElement(Command + "returnValue", Type(o), Paras(Maml + "description", new[] { "" })))),
            new XElement(Command + "examples", command.Examples.Select((e, i) => new XElement(Command + "example",
                new XElement(Maml + "title", $"-------------------------- Example {i + 1} --------------------------"),
                new XElement(Dev + "code", e.Code),
                new XElement(Dev + "remarks", e.Remarks.Split("\n\n").Select(p => new XElement(Maml + "para", p)))))),
            new XElement(Maml + "relatedLinks", command.Links.Select(l => new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", l)))));

        private static ParameterSetUse Use(HelpParameter p, string set) => p.Sets.First(s => s.SetName == set || s.SetName == CmdletReader.AllSets);

        /// <summary>The parameter's facts across its sets, for the parameter list: required or positional in any set shows.</summary>
        private static ParameterSetUse Merged(HelpParameter p) => new ParameterSetUse("", p.Sets.All(s => s.Mandatory),
            p.Sets.Select(s => s.Position).FirstOrDefault(x => x != null), p.Sets.Any(s => s.ByValue), p.Sets.Any(s => s.ByPropertyName));

        private static XElement Parameter(HelpParameter p, ParameterSetUse use)
        {
            var pipeline = use.ByValue && use.ByPropertyName ? "True (ByValue, ByPropertyName)" : use.ByValue ? "True (ByValue)" : use.ByPropertyName ? "True (ByPropertyName)" : "False";
            return new XElement(Command + "parameter",
                new XAttribute("required", use.Mandatory ? "true" : "false"), new XAttribute("variableLength", p.TypeName.EndsWith("[]") ? "true" : "false"),
                new XAttribute("globbing", p.Globbing ? "true" : "false"), new XAttribute("pipelineInput", pipeline),
                new XAttribute("position", use.Position?.ToString() ?? "named"), new XAttribute("aliases", p.Aliases.Count == 0 ? "none" : string.Join(", ", p.Aliases)),
                new XElement(Maml + "name", p.Name),
                Paras(Maml + "description", new[] { p.Description }),
                p.IsSwitch ? null : new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", "false"), p.TypeName),
                Type(p.FullTypeName));
        }

        private static XElement Type(string name) => new XElement(Dev + "type", new XElement(Maml + "name", name));
    }
}
