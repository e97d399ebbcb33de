using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Xml.Linq;

namespace MediaSync.HelpGen
{
    /// <summary>Reads cmdlets from an assembly's metadata (nothing is loaded to run) and joins them with their doc comments.</summary>
    public static class CmdletReader
    {
        public static List<HelpCommand> Read(string assemblyPath, string automationReference, DocComments docs)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(assemblyPath))!;
            var paths = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
                .Concat(Directory.GetFiles(folder, "*.dll").Where(f => !Path.GetFileName(f).StartsWith("System.", StringComparison.Ordinal)))
                .Append(automationReference);
            using var context = new MetadataLoadContext(new PathAssemblyResolver(paths), "System.Runtime");
            var assembly = context.LoadFromAssemblyPath(assemblyPath);
            var problems = new List<string>();
            var commands = assembly.GetTypes()
                .Select(type => (Type: type, Cmdlet: Attribute(type, "CmdletAttribute")))
                .Where(c => c.Cmdlet != null)
                .Select(c => Command(c.Type, c.Cmdlet!, docs, problems))
                .OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
            if (problems.Count > 0) throw new HelpException("help is missing:\n  " + string.Join("\n  ", problems));
            return commands;
        }

        private static HelpCommand Command(Type type, CustomAttributeData cmdlet, DocComments docs, List<string> problems)
        {
            var verb = (string)cmdlet.ConstructorArguments[0].Value!;
            var noun = (string)cmdlet.ConstructorArguments[1].Value!;
            var name = verb + "-" + noun;
            var doc = docs.Type(type.FullName!);
            string Para(string kind) => doc?.Descendants("para").Where(p => (string?)p.Attribute("type") == kind).Select(DocComments.Text).FirstOrDefault() ?? "";
            var synopsis = Para("synopsis");
            var description = doc?.Descendants("para").Where(p => (string?)p.Attribute("type") == "description").Select(DocComments.Text).ToList() ?? new List<string>();
            var examples = doc?.Elements("example").Select(e => new HelpExample(
                DocComments.Code(e.Element("code") ?? new XElement("code")),
                string.Join("\n\n", e.Elements("para").Select(DocComments.Text)))).ToList() ?? new List<HelpExample>();
            var links = doc?.Descendants("para").Where(p => (string?)p.Attribute("type") == "link").Select(DocComments.Text).ToList() ?? new List<string>();

            if (synopsis.Length == 0) problems.Add($"{name}: no <para type=\"synopsis\">");
            if (description.Count == 0) problems.Add($"{name}: no <para type=\"description\">");
            if (examples.Count < 2) problems.Add($"{name}: {examples.Count} <example>, at least 2 wanted");
            foreach (var example in examples.Where(e => e.Code.Length == 0 || e.Remarks.Length == 0))
                problems.Add($"{name}: an <example> without <code> or a <para> saying what it does");

            var parameters = new List<HelpParameter>();
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var uses = property.GetCustomAttributesData().Where(a => a.AttributeType.Name == "ParameterAttribute").Select(SetUse).ToList();
                if (uses.Count == 0) continue;
                var summary = docs.Property(property.DeclaringType!.FullName!, property.Name)?.Element("summary");
                var text = summary == null ? "" : DocComments.Text(summary);
                if (text.Length == 0) problems.Add($"{name} -{property.Name}: no <summary>");
                var aliases = property.GetCustomAttributesData().Where(a => a.AttributeType.Name == "AliasAttribute")
                    .SelectMany(a => ((IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!).Select(v => (string)v.Value!)).ToList();
                var globbing = property.GetCustomAttributesData().Any(a => a.AttributeType.Name == "SupportsWildcardsAttribute");
                var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                parameters.Add(new HelpParameter(property.Name, propertyType.Name, propertyType.FullName ?? propertyType.Name,
                    propertyType.Name == "SwitchParameter", text, aliases, globbing, uses));
            }
            var sets = parameters.SelectMany(p => p.Sets).Select(s => s.SetName).Where(s => s != AllSets).Distinct().ToList();
            var defaultSet = cmdlet.NamedArguments.Where(a => a.MemberName == "DefaultParameterSetName").Select(a => (string?)a.TypedValue.Value).FirstOrDefault();
            if (sets.Count == 0) sets.Add(AllSets);
            else if (defaultSet != null && sets.Remove(defaultSet)) sets.Insert(0, defaultSet);
            var outputs = type.GetCustomAttributesData().Where(a => a.AttributeType.Name == "OutputTypeAttribute")
                .SelectMany(a => ((IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!).Select(v => ((Type)v.Value!).FullName!)).ToList();
            return new HelpCommand(verb, noun, synopsis, description, parameters, sets, outputs, examples, links);
        }

        public const string AllSets = "__AllParameterSets";

        private static ParameterSetUse SetUse(CustomAttributeData parameter)
        {
            T Named<T>(string member, T fallback) => parameter.NamedArguments.Where(a => a.MemberName == member).Select(a => (T)a.TypedValue.Value!).DefaultIfEmpty(fallback).First();
            var position = Named("Position", int.MinValue);
            return new ParameterSetUse(Named("ParameterSetName", AllSets), Named("Mandatory", false), position == int.MinValue ? null : position,
                Named("ValueFromPipeline", false), Named("ValueFromPipelineByPropertyName", false));
        }

        private static CustomAttributeData? Attribute(Type type, string name) =>
            type.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == name);
    }
}
