using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Contract
{
    /// <summary>
    /// Checks the built module's cmdlets by reading their metadata (no PowerShell needed): both builds,
    /// the manifest and the format file.
    /// </summary>
    public sealed class CmdletContractTests : IDisposable
    {
        /// <summary>Verbs whose cmdlets only read or compute; every other cmdlet must support -WhatIf/-Confirm.</summary>
        private static readonly HashSet<string> ReadOnlyVerbs = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Get", "Find", "Test", "Measure", "Compare", "Resolve", "Select", "Show", "Search", "Join", "ConvertTo", "ConvertFrom", "Format",
        };

        /// <summary>Cmdlets whose verb sounds like a change but that only compute, with the reason.</summary>
        private static readonly Dictionary<string, string> ComputeOnly = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Invoke-MediaProcessor"] = "it computes new content in memory and temp files; nothing of the user's is changed",
            ["Compress-MediaFile"] = "it computes compressed variants in memory; nothing of the user's is changed",
            ["New-MediaStore"] = "it only creates a store object; nothing is contacted or written until Publish-Media",
        };

        /// <summary>Provider items (Get-Item, Get-ChildItem) carry these note properties, which reflection cannot see.</summary>
        private static readonly HashSet<string> ProviderProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "PSPath" };

        private readonly List<MetadataLoadContext> _contexts = new List<MetadataLoadContext>();

        /// <summary>A fresh context per build: both builds have the same assembly names.</summary>
        private MetadataLoadContext NewContext(string build)
        {
            var runtime = RuntimeEnvironment.GetRuntimeDirectory();
            var paths = Directory.GetFiles(runtime, "*.dll")
                .Concat(new[] { RepoPaths.PowerShellReferenceAssembly })
                .Concat(Directory.GetFiles(Path.Combine(RepoPaths.BuiltModule, "bin", build), "*.dll")
                    .Where(f => !Path.GetFileName(f).StartsWith("System.", StringComparison.Ordinal) || build == "net8.0"));
            var context = new MetadataLoadContext(new PathAssemblyResolver(paths), "System.Runtime");
            _contexts.Add(context);
            return context;
        }

        public void Dispose() => _contexts.ForEach(c => c.Dispose());

        public static IEnumerable<object[]> Builds() => new[] { new object[] { "net8.0" }, new object[] { "netstandard2.0" } };

        private Type[] Cmdlets(string build)
        {
            var dll = Path.Combine(RepoPaths.BuiltModule, "bin", build, "MediaSync.PowerShell.dll");
            Assert.True(File.Exists(dll), $"The built module is missing {dll}; build the solution first.");
            var assembly = NewContext(build).LoadFromAssemblyPath(dll);
            var cmdlets = assembly.GetTypes().Where(t => Attribute(t, "CmdletAttribute") != null).ToArray();
            Assert.NotEmpty(cmdlets);
            return cmdlets;
        }

        private static CustomAttributeData? Attribute(MemberInfo member, string name) =>
            member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == name);

        private static string CmdletName(Type type)
        {
            var attribute = Attribute(type, "CmdletAttribute")!;
            return attribute.ConstructorArguments[0].Value + "-" + attribute.ConstructorArguments[1].Value;
        }

        private static object? Named(CustomAttributeData attribute, string name) =>
            attribute.NamedArguments.Where(a => a.MemberName == name).Select(a => a.TypedValue.Value).FirstOrDefault();

        private HashSet<string> ApprovedVerbs()
        {
            var sma = NewContext("net8.0").LoadFromAssemblyPath(RepoPaths.PowerShellReferenceAssembly);
            var verbClasses = new[] { "VerbsCommon", "VerbsData", "VerbsLifecycle", "VerbsDiagnostic", "VerbsCommunications", "VerbsSecurity", "VerbsOther" };
            var verbs = verbClasses
                .SelectMany(c => sma.GetType("System.Management.Automation." + c, throwOnError: true)!.GetFields())
                .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
            return new HashSet<string>(verbs, StringComparer.OrdinalIgnoreCase);
        }

        [Theory]
        [MemberData(nameof(Builds))]
        public void Every_cmdlet_uses_an_approved_verb(string build)
        {
            var approved = ApprovedVerbs();
            Assert.Contains("Publish", approved);
            Assert.All(Cmdlets(build), t => Assert.Contains(CmdletName(t).Split('-')[0], approved));
        }

        [Theory]
        [MemberData(nameof(Builds))]
        public void Every_cmdlet_that_changes_state_supports_ShouldProcess(string build)
        {
            foreach (var type in Cmdlets(build))
            {
                var verb = CmdletName(type).Split('-')[0];
                var supports = Named(Attribute(type, "CmdletAttribute")!, "SupportsShouldProcess") is true;
                if (!ReadOnlyVerbs.Contains(verb) && !ComputeOnly.ContainsKey(CmdletName(type))) Assert.True(supports, $"{CmdletName(type)} changes state but lacks SupportsShouldProcess.");
            }
        }

        [Theory]
        [MemberData(nameof(Builds))]
        public void Every_cmdlet_declares_its_output_type_and_is_a_sealed_Command_class(string build)
        {
            foreach (var type in Cmdlets(build))
            {
                var outputs = type.GetCustomAttributesData().Where(a => a.AttributeType.Name == "OutputTypeAttribute").ToList();
                Assert.True(outputs.Count > 0, $"{CmdletName(type)} lacks [OutputType].");
                Assert.True(type.IsSealed, $"{type.Name} should be sealed.");
                Assert.Equal(CmdletName(type).Replace("-", "") + "Command", type.Name);
                Assert.Equal("MediaSync.PowerShell.Commands", type.Namespace);
            }
        }

        [Theory]
        [MemberData(nameof(Builds))]
        public void Pipeline_by_property_name_parameters_match_properties_of_what_the_cmdlet_accepts(string build)
        {
            foreach (var type in Cmdlets(build))
            {
                var parameters = type.GetProperties().Select(p => (Property: p, Attributes: p.GetCustomAttributesData().Where(a => a.AttributeType.Name == "ParameterAttribute").ToList()))
                    .Where(p => p.Attributes.Count > 0).ToList();
                // What the pipeline brings: the element types of by-value parameters, plus the engine's own output types.
                var accepted = parameters.Where(p => p.Attributes.Any(a => Named(a, "ValueFromPipeline") is true))
                    .Select(p => ElementType(p.Property.PropertyType))
                    .Concat(EngineOutputTypes(type.Assembly))
                    .ToList();
                foreach (var (property, attributes) in parameters.Where(p => p.Attributes.Any(a => Named(a, "ValueFromPipelineByPropertyName") is true)))
                {
                    var names = new[] { property.Name }.Concat(Aliases(property)).ToList();
                    var matches = names.Any(ProviderProperties.Contains)
                        || accepted.Any(t => t.GetProperties().Any(p => names.Contains(p.Name, StringComparer.OrdinalIgnoreCase)
                            && ElementType(property.PropertyType).IsAssignableFrom(ElementType(p.PropertyType))));
                    Assert.True(matches, $"{CmdletName(type)} -{property.Name} binds by property name, but nothing it accepts has a property named {string.Join("/", names)}.");
                }
            }
        }

        private static IEnumerable<string> Aliases(PropertyInfo property) =>
            property.GetCustomAttributesData().Where(a => a.AttributeType.Name == "AliasAttribute")
                .SelectMany(a => ((IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!).Select(v => (string)v.Value!));

        private static Type ElementType(Type type) => type.IsArray ? type.GetElementType()! : type;

        private static IEnumerable<Type> EngineOutputTypes(Assembly cmdlets) =>
            cmdlets.GetTypes().SelectMany(t => t.GetCustomAttributesData().Where(a => a.AttributeType.Name == "OutputTypeAttribute"))
                .SelectMany(a => (IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!)
                .Select(v => (Type)v.Value!);

        [Fact]
        public void The_manifest_exports_exactly_the_cmdlets_in_the_dll_and_nothing_else()
        {
            var manifest = File.ReadAllText(Path.Combine(RepoPaths.BuiltModule, "MediaSync.psd1"));
            var exported = Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\(([^)]*)\)").Groups[1].Value;
            var names = Regex.Matches(exported, "'([^']+)'").Select(m => m.Groups[1].Value).OrderBy(n => n).ToArray();
            foreach (var build in new[] { "net8.0", "netstandard2.0" })
                Assert.Equal(Cmdlets(build).Select(CmdletName).OrderBy(n => n).ToArray(), names);
            foreach (var kind in new[] { "FunctionsToExport", "VariablesToExport", "AliasesToExport" })
                Assert.Matches(kind + @"\s*=\s*@\(\)", manifest);
            Assert.Matches(@"PowerShellVersion\s*=\s*'5\.1'", manifest);
            Assert.Matches(@"CompatiblePSEditions\s*=\s*@\('Desktop',\s*'Core'\)", manifest);
        }

        [Fact]
        public void The_manifest_points_at_files_the_module_has()
        {
            var manifest = File.ReadAllText(Path.Combine(RepoPaths.BuiltModule, "MediaSync.psd1"));
            // the manifest is plain data: its root module is a script that loads the edition's build
            Assert.Equal("'MediaSync.psm1'", Regex.Match(manifest, @"(?m)^\s*RootModule\s*=\s*(.*?)\s*$").Groups[1].Value);
            Assert.DoesNotContain("$PSEdition", manifest);
            var loader = File.ReadAllText(Path.Combine(RepoPaths.BuiltModule, "MediaSync.psm1"));
            var frameworks = Regex.Matches(loader, @"'(net8\.0|netstandard2\.0)'").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(new[] { "net8.0", "netstandard2.0" }, frameworks);
            Assert.Contains("bin/$framework/MediaSync.PowerShell.dll", loader);
            var rootModules = new[] { "MediaSync.psm1" }.Concat(frameworks.Select(tfm => $"bin/{tfm}/MediaSync.PowerShell.dll"));
            var formats = Regex.Matches(Regex.Match(manifest, @"FormatsToProcess\s*=.*").Value, "'([^']+)'").Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(formats);
            foreach (var file in rootModules.Concat(formats))
                Assert.True(File.Exists(Path.Combine(RepoPaths.BuiltModule, file)), $"The module lacks {file}.");
        }

        [Fact]
        public void Format_views_name_types_the_engine_has()
        {
            var formats = File.ReadAllText(Path.Combine(RepoPaths.BuiltModule, "MediaSync.Format.ps1xml"));
            var typeNames = Regex.Matches(formats, "<TypeName>([^<]+)</TypeName>").Select(m => m.Groups[1].Value).ToList();
            Assert.Contains("MediaSync.MediaFile", typeNames);
            Assert.Contains("MediaSync.Publishing.PublishResult", typeNames);
            foreach (var name in typeNames) Assert.NotNull(typeof(MediaFile).Assembly.GetType(name));
        }
    }
}
