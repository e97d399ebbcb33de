using System;
using System.Collections;
using System.IO;
using System.Text;
using MediaSync.Discovery;
using MediaSync.Reporting;
using MediaSync.Settings;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Settings
{
    /// <summary>What a settings file may look like on disk: a name given twice is refused, a byte order mark is read.</summary>
    public sealed class SettingsFileTests : IDisposable
    {
        private readonly TempTree _tree = new TempTree();

        public void Dispose() => _tree.Dispose();

        private string WriteBytes(string relative, byte[] bytes)
        {
            var path = _tree.Write(relative, "");
            File.WriteAllBytes(path, bytes);
            return path;
        }

        private MediaSyncError Refused(string json) =>
            Assert.Throws<MediaSyncException>(() => SettingsReader.ReadFile(_tree.Write("site/mediasync.json", json))).Error;

        [Fact]
        public void A_hidden_later_delete_in_another_case_is_refused_naming_both_lines()
        {
            var path = _tree.PathOf("site/mediasync.json");
            var error = Refused("{\n  \"Delete\": false,\n  \"Roots\": [\"media\"],\n  \"delete\": true\n}");

            Assert.Equal("MediaSync.SettingDuplicate", error.Id);
            Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
            Assert.Contains($"'Delete' in '{path}' line 2 and 'delete' in '{path}' line 4", error.Message);
            Assert.Equal("MediaSync.SettingDuplicate", Refused("{ \"Fingerprint\": true, \"Fingerprint\": true }").Id);
        }

        [Theory]
        [InlineData("{ \"Store\": { \"Type\": \"Folder\", \"Path\": \"a\", \"path\": \"b\" } }", "Store.path")]
        [InlineData("{ \"Store\": { \"Type\": \"S3\", \"type\": \"Folder\", \"Bucket\": \"b\" } }", "Store.type")]
        [InlineData("{ \"Bundles\": { \"css/all.css\": [\"a.css\"], \"css/all.css\": [\"b.css\"] } }", "Bundles.css/all.css")]
        [InlineData("{ \"HeaderRules\": { \"*.HTML\": { \"Cache-Control\": \"no-cache\" }, \"*.html\": {} } }", "HeaderRules.*.html")]
        [InlineData("{ \"HeaderRules\": { \"*\": { \"Cache-Control\": \"no-cache\", \"cache-control\": \"max-age=1\" } } }", "HeaderRules.*.cache-control")]
        public void A_name_given_twice_is_refused_at_every_level(string json, string key)
        {
            var error = Refused(json);
            Assert.Equal("MediaSync.SettingDuplicate", error.Id);
            Assert.Equal(key, error.Target);
        }

        [Fact]
        public void Bundle_names_are_media_keys_so_two_cases_are_two_bundles()
        {
            _tree.Write("site/mediasync.json", "{ \"Bundles\": { \"css/All.css\": [\"a.css\"], \"css/all.css\": [\"b.css\"] } }");
            Assert.Equal(2, SettingsReader.ReadFile(_tree.PathOf("site/mediasync.json")).Bundles.Count);
        }

        [Fact]
        public void A_case_sensitive_dictionary_given_as_settings_cannot_hide_a_second_delete_either()
        {
            // PowerShell's @{} and [ordered]@{} ignore case, but [hashtable]::new() and a .NET Dictionary do not
            var map = new Hashtable(StringComparer.Ordinal) { ["Delete"] = false, ["delete"] = true };
            var error = Assert.Throws<MediaSyncException>(() => SettingsReader.FromDictionary(map, SettingsReader.Defaults(_tree.Root), _tree.Root, v => v)).Error;
            Assert.Equal("MediaSync.SettingDuplicate", error.Id);
            Assert.Contains("in the settings", error.Message);
        }

        [Theory]
        [InlineData("utf-8")]       // Windows PowerShell 5.1: Set-Content -Encoding UTF8, Out-File -Encoding UTF8
        [InlineData("utf-16")]      // Windows PowerShell 5.1: Out-File and '>' by default
        [InlineData("utf-16BE")]
        public void A_file_with_a_byte_order_mark_is_read(string encodingName)
        {
            var encoding = Encoding.GetEncoding(encodingName);
            var json = "{\n  \"MediaUrl\": \"/static/\",\n  \"Delete\": true\n}";
            var path = WriteBytes("site/mediasync.json", Concat(encoding.GetPreamble(), encoding.GetBytes(json)));

            var settings = SettingsReader.ReadFile(path);

            Assert.Equal("/static/", settings.MediaUrl);
            Assert.True(settings.Delete);
            // and its lines are still counted right
            WriteBytes("site/mediasync.json", Concat(encoding.GetPreamble(), encoding.GetBytes("{\n\n  \"MaxDelete\": \"ten\"\n}")));
            Assert.Contains("line 3", Assert.Throws<MediaSyncException>(() => SettingsReader.ReadFile(path)).Error.Message);
        }

        [Fact]
        public void An_apps_settings_file_has_the_same_rules()
        {
            var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
            WriteBytes("apps/blog/mediasync.json", Concat(utf8.GetPreamble(), utf8.GetBytes("{ \"mediaDirectoryName\": \"static\" }")));
            Assert.Equal("static", AppSettings.ReadMediaDirectoryName(_tree.PathOf("apps/blog")));

            _tree.Write("apps/shop/mediasync.json", "{\n \"mediaDirectoryName\": \"static\",\n \"MediaDirectoryName\": \"media\"\n}");
            var error = Assert.Throws<MediaSyncException>(() => AppSettings.ReadMediaDirectoryName(_tree.PathOf("apps/shop"))).Error;
            Assert.Equal("MediaSync.SettingDuplicate", error.Id);
            Assert.Contains("line 3", error.Message);
        }

        private static byte[] Concat(byte[] first, byte[] second)
        {
            var all = new byte[first.Length + second.Length];
            first.CopyTo(all, 0);
            second.CopyTo(all, first.Length);
            return all;
        }
    }
}
