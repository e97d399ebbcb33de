using MediaSync.Stores;
using Xunit;

namespace MediaSync.Tests.Stores
{
    public sealed class KeyLimitsTests
    {
        [Fact]
        public void A_name_is_measured_in_utf8_bytes_for_s3_and_swift_and_in_characters_for_azure()
        {
            var atLimit = new string('a', 1024);
            var overInBytes = new string('\u00e9', 513);   // 513 characters, 1,026 bytes
            Assert.Null(KeyLimits.TooManyBytes(atLimit, "S3"));
            Assert.Equal("S3 object names are at most 1024 bytes of UTF-8, and '" + MediaSync.Platform.UnreachableNames.Abbreviate(overInBytes) + "' has 1026",
                KeyLimits.TooManyBytes(overInBytes, "S3"));
            Assert.Null(KeyLimits.TooManyCharacters(overInBytes, "Azure Blob"));
            Assert.NotNull(KeyLimits.TooManyCharacters(atLimit + "b", "Azure Blob"));
        }

        [Theory]
        [InlineData("css/a.css", false, false)]
        [InlineData("ctl-\u0001.css", true, false)]
        [InlineData("new\nline.css", true, false)]
        [InlineData("del\u007f.css", true, false)]
        [InlineData("trailing.", false, true)]
        [InlineData("folder./a.css", false, true)]
        [InlineData("a.b/c.d", false, false)]
        public void Control_characters_and_trailing_dots_are_told_apart(string key, bool control, bool trailingDot)
        {
            Assert.Equal(control, KeyLimits.ControlCharacter(key, "Azure Blob") != null);
            Assert.Equal(trailingDot, KeyLimits.TrailingDot(key, "Azure Blob") != null);
        }

        [Fact]
        public void The_first_problem_is_the_one_reported()
        {
            Assert.Equal("second", KeyLimits.First(null, "second", "third"));
            Assert.Null(KeyLimits.First(null, null));
        }
    }
}
