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

        [Theory]
        [InlineData("css/a.css", null)]
        [InlineData("css/CONSOLE.css", null)]
        [InlineData("css/com10.js", null)]
        [InlineData("css/COMA.js", null)]
        [InlineData("a.b/c.d", null)]
        [InlineData("css/a:b.css", "may not hold ':'")]
        [InlineData("q?.css", "may not hold '?'")]
        [InlineData("back\\slash.css", "may not hold '\\'")]
        [InlineData("tab\t.css", "may not hold U+0009")]
        [InlineData("css/trailing.", "drops the '.' that ends 'trailing.'")]
        [InlineData("folder /a.css", "drops the ' ' that ends 'folder '")]
        [InlineData("con", "names a device")]
        [InlineData("js/Nul.min.js", "names a device")]
        [InlineData("js/NUL .txt", "names a device")]
        [InlineData("lpt9/a.css", "names a device")]
        [InlineData("COM\u00b9.css", "names a device")]
        public void Names_windows_cannot_hold_are_told_with_their_reason(string key, string? reason)
        {
            var problem = KeyLimits.WindowsName(key);
            if (reason == null) Assert.Null(problem);
            else Assert.Contains(reason, problem);
        }

        [Fact]
        public void A_name_is_measured_in_characters_on_windows_and_in_bytes_of_utf8_elsewhere()
        {
            var segment = new string('\u00e9', 200);   // 200 characters, 400 bytes
            Assert.Null(KeyLimits.SegmentTooLong("css/" + segment, windows: true));
            Assert.Contains("at most 255 bytes of UTF-8 here", KeyLimits.SegmentTooLong("css/" + segment, windows: false));
            Assert.Null(KeyLimits.SegmentTooLong(new string('a', 255) + "/" + new string('b', 255), windows: false));
            Assert.Contains("has 256", KeyLimits.SegmentTooLong(new string('a', 256), windows: true));
        }

        [Fact]
        public void The_first_problem_is_the_one_reported()
        {
            Assert.Equal("second", KeyLimits.First(null, "second", "third"));
            Assert.Null(KeyLimits.First(null, null));
        }
    }
}
