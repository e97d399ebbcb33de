using MediaSync.Reporting;
using Xunit;

namespace MediaSync.Tests
{
    /// <summary>Engine messages name options as the host's users spell them, never as one host does.</summary>
    public sealed class OptionNamesTests
    {
        [Theory]
        [InlineData("MaxDelete", "--max-delete")]
        [InlineData("MaxDeletePercent", "--max-delete-percent")]
        [InlineData("Delete", "--delete")]
        public void The_command_line_spells_options_in_kebab_case(string name, string spelled) => Assert.Equal(spelled, OptionNames.Kebab(name));

        [Fact]
        public void Messages_spell_options_through_the_host_style()
        {
            // PowerShell's spelling is the default; the CLI sets its own at start (and this test process never does).
            Assert.Contains("exceed -MaxDelete 5;", Errors.DeleteLimitExceeded(9, 5, "out").Message);
            Assert.Contains("raise -MaxDelete to at least 9", Errors.DeleteLimitExceeded(9, 5, "out").RecommendedAction);
            Assert.Contains("(-Path/-LiteralPath) or app (-App)", Errors.NoRoots().Message);
        }
    }
}
