using System.IO;
using System.Linq;
using System.Xml.Linq;
using MediaSync.HelpGen;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Help
{
    /// <summary>The MAML generator, over the built cmdlets and over doc comments written here.</summary>
    public sealed class HelpGenTests
    {
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";

        private static string BuiltCmdlets => Path.Combine(RepoPaths.BuiltModule, "bin", "net8.0", "MediaSync.PowerShell.dll");

        private static DocComments BuiltDocs()
        {
            // The build's XML doc file sits beside the project's own output.
            var xml = Directory.GetFiles(Path.Combine(RepoPaths.Root, "src", "MediaSync.PowerShell", "bin"), "MediaSync.PowerShell.xml", SearchOption.AllDirectories)
                .Where(f => f.Contains("net8.0")).OrderByDescending(File.GetLastWriteTimeUtc).First();
            return DocComments.Load(xml);
        }

        [Fact]
        public void Every_cmdlet_of_the_module_gets_help_with_its_parameter_sets_aliases_and_pipeline_input()
        {
            var commands = CmdletReader.Read(BuiltCmdlets, RepoPaths.PowerShellReferenceAssembly, BuiltDocs());

            Assert.Equal(new[] { "Compress-MediaFile", "Export-MediaManifest", "Get-MediaFile", "Get-MediaSyncSetting", "Get-MediaTag", "Get-MediaUrl", "Invoke-MediaProcessor",
                "Join-MediaBundle", "New-MediaStore", "Publish-Media", "Set-MediaSyncSetting", "Start-MediaServer", "Sync-Media" },
                commands.Select(c => c.Name));
            var publish = commands.Single(c => c.Name == "Publish-Media");
            Assert.Equal("InputObject", publish.ParameterSets[0]); // the default set comes first
            Assert.Equal(4, publish.ParameterSets.Count);
            var literal = publish.Parameters.Single(p => p.Name == "LiteralPath");
            Assert.Contains("PSPath", literal.Aliases);
            Assert.All(literal.Sets, s => Assert.True(s.ByPropertyName && s.Mandatory));
            Assert.True(publish.Parameters.Single(p => p.Name == "Delete").IsSwitch);

            var maml = MamlWriter.Write(commands);
            var publishHelp = maml.Descendants(Command + "command").Single(c => c.Element(Command + "details")!.Element(Command + "name")!.Value == "Publish-Media");
            Assert.Equal(4, publishHelp.Element(Command + "syntax")!.Elements(Command + "syntaxItem").Count());
            var literalHelp = publishHelp.Element(Command + "parameters")!.Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == "LiteralPath");
            Assert.Equal("True (ByPropertyName)", literalHelp.Attribute("pipelineInput")!.Value);
            Assert.Equal("PSPath, LP", literalHelp.Attribute("aliases")!.Value);
            Assert.True(publishHelp.Descendants(Command + "example").Count() >= 2);
        }

        [Fact]
        public void Doc_text_is_folded_and_example_code_keeps_its_lines_without_the_common_indent()
        {
            var member = XElement.Parse("<summary>Compares <c>MD5</c> with\n      the <see cref=\"P:MediaSync.MediaFile.Hash\"/>, then <see langword=\"null\"/>.</summary>");
            Assert.Equal("Compares MD5 with the Hash, then null.", DocComments.Text(member));
            var code = XElement.Parse("<code>\n    Get-MediaFile ./media |\n        Publish-Media ./out\n  </code>");
            Assert.Equal("Get-MediaFile ./media |\n    Publish-Media ./out", DocComments.Code(code));
        }

        [Fact]
        public void A_cmdlet_without_examples_or_parameter_help_is_a_build_error_naming_what_is_missing()
        {
            var docs = Path.Combine(Path.GetTempPath(), "mediasync-empty-docs-" + System.Guid.NewGuid().ToString("N") + ".xml");
            File.WriteAllText(docs, "<doc><members/></doc>");
            try
            {
                var error = Assert.Throws<HelpException>(() => CmdletReader.Read(BuiltCmdlets, RepoPaths.PowerShellReferenceAssembly, DocComments.Load(docs)));
                Assert.Contains("Get-MediaFile: no <para type=\"synopsis\">", error.Message);
                Assert.Contains("Publish-Media: 0 <example>, at least 2 wanted", error.Message);
                Assert.Contains("Publish-Media -Destination: no <summary>", error.Message);
            }
            finally { File.Delete(docs); }
        }
    }
}
