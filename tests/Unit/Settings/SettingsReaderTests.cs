using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MediaSync.Processing;
using MediaSync.Publishing;
using MediaSync.Reporting;
using MediaSync.Settings;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Settings
{
    public sealed class SettingsReaderTests : IDisposable
    {
        private readonly TempTree _tree = new TempTree();

        public void Dispose() => _tree.Dispose();

        private MediaSyncError Refused(string json)
        {
            var path = _tree.Write("site/mediasync.json", json);
            return Assert.Throws<MediaSyncException>(() => SettingsReader.ReadFile(path)).Error;
        }

        [Fact]
        public void A_full_file_is_read_with_paths_taken_from_its_folder()
        {
            var path = _tree.Write("site/mediasync.json", @"{
  ""$schema"": ""./mediasync.schema.json"",
  // comments are allowed, as editors keep them
  ""Roots"": [""media""], ""Apps"": [""apps/blog""], ""mediaDirectoryName"": ""static"",
  ""Include"": [""*.css""], ""Exclude"": ""*.map"",
  ""Processors"": [""Minify""], ""Minifier"": ""nuglify"", ""SourceMap"": true,
  ""Bundles"": { ""css/all.css"": [""css/a.css"", ""css/b.css""] }, ""CssPath"": ""css"",
  ""Compress"": true, ""Encodings"": [""gzip""], ""VariantNaming"": ""Infix"", ""Fingerprint"": true,
  ""Store"": { ""Type"": ""S3"", ""Bucket"": ""media"", ""Prefix"": ""site/"", ""EndpointUrl"": ""http://127.0.0.1:7490"", ""ForcePathStyle"": true },
  ""HeaderRules"": { ""*.html"": { ""Cache-Control"": ""no-cache"" }, ""*"": { ""X-Served-By"": ""mediasync"" } },
  ""ExpirationDays"": 30, ""Delete"": true, ""MaxDelete"": 10, ""MaxDeletePercent"": 20,
  ""MediaUrl"": ""/static/"", ""ServeRemote"": true, ""PublicBaseUrl"": ""https://cdn.example.test"", ""UseSsl"": true,
  ""CacheBuster"": ""v=3"", ""Doctype"": ""xhtml"", ""ServerPort"": 8123,
}");
            var settings = SettingsReader.ReadFile(path);

            Assert.Equal(new[] { _tree.PathOf("site/media") }, settings.Roots);
            Assert.Equal(new[] { _tree.PathOf("site/apps/blog") }, settings.Apps);
            Assert.Equal("static", settings.MediaDirectoryName);
            Assert.Equal(new[] { "*.map" }, settings.Exclude);
            Assert.Equal(MinifierChoice.NUglify, settings.Minifier);
            Assert.True(settings.SourceMap);
            Assert.Equal(new[] { "css/a.css", "css/b.css" }, settings.Bundles["css/all.css"]);
            Assert.True(settings.Compress && settings.Fingerprint && settings.Delete && settings.ServeRemote && settings.UseSsl);
            Assert.Equal(VariantNaming.Infix, settings.VariantNaming);
            Assert.Equal(("S3", "media", "site/", true), (settings.Store.Type, settings.Store.Bucket, settings.Store.Prefix, settings.Store.ForcePathStyle));
            Assert.Equal(new[] { "*.html", "*" }, settings.HeaderRules.Select(r => r.Key));
            Assert.Equal("no-cache", settings.HeaderRules[0].Value["cache-control"]);
            Assert.Equal((30, 10, 20, 8123), (settings.ExpirationDays, settings.MaxDelete, settings.MaxDeletePercent, settings.ServerPort));
            Assert.Equal(Doctype.Xhtml, settings.Doctype);
            Assert.Equal(path, settings.SourcePath);
            Assert.Equal(_tree.PathOf("site/out/manifest.json"), settings.ManifestPath);
        }

        [Fact]
        public void Without_a_file_the_defaults_publish_the_folders_media_into_out_public()
        {
            var settings = SettingsReader.Find(_tree.PathOf("."));
            Assert.Equal(new[] { _tree.PathOf("media") }, settings.Roots);
            Assert.Equal("Folder", settings.Store.Type);
            Assert.Equal(_tree.PathOf("out/public"), settings.FolderDestination);
            Assert.Equal(_tree.PathOf("out/public/manifest.json"), settings.ManifestPath);
            Assert.Equal("/media/", settings.MediaUrl);
            Assert.Null(settings.SourcePath);
        }

        [Fact]
        public void An_unknown_key_names_the_nearest_valid_one_and_the_line()
        {
            var error = Refused("{\n  \"Roots\": [\"media\"],\n  \"Fingerprnt\": true\n}");
            Assert.Equal("MediaSync.SettingUnknown", error.Id);
            Assert.Contains("'Fingerprnt'", error.Message);
            Assert.Contains("line 3", error.Message);
            Assert.Contains("Did you mean 'Fingerprint'?", error.Message);
        }

        [Fact]
        public void A_wrong_type_names_the_key_the_type_expected_and_the_file_with_its_line()
        {
            var error = Refused("{\n  \"Roots\": [\"media\"],\n\n  \"MaxDelete\": \"ten\"\n}");
            Assert.Equal("MediaSync.SettingWrongType", error.Id);
            Assert.Equal($"Setting 'MaxDelete' in '{_tree.PathOf("site/mediasync.json")}' line 4 must be a whole number, not string.", error.Message);
            Assert.Equal("MediaSync.SettingWrongType", Refused("{ \"Roots\": [1] }").Id);
            Assert.Equal("MediaSync.SettingWrongType", Refused("{ \"Compress\": \"yes\" }").Id);
            Assert.Equal("MediaSync.SettingWrongType", Refused("{ \"Bundles\": [\"a.css\"] }").Id);
        }

        [Fact]
        public void A_store_type_that_does_not_exist_lists_those_that_do()
        {
            var error = Refused("{ \"Store\": { \"Type\": \"Ftp\", \"Path\": \"x\" } }");
            Assert.Equal("MediaSync.StoreTypeUnknown", error.Id);
            Assert.Contains("Folder, S3, AzureBlob, Swift", error.Message);
        }

        [Fact]
        public void A_store_option_of_another_type_is_unknown_for_this_one()
        {
            var error = Refused("{ \"Store\": { \"Type\": \"Folder\", \"Bucket\": \"media\" } }");
            Assert.Equal("MediaSync.SettingUnknown", error.Id);
            Assert.Contains("a Folder store", error.Message);
            Assert.Equal("MediaSync.SettingInvalidValue", Refused("{ \"Store\": { \"Type\": \"S3\" } }").Id);
        }

        [Fact]
        public void Values_out_of_range_and_unknown_choices_are_refused_with_what_is_allowed()
        {
            Assert.Contains("Auto, Esbuild, NUglify", Refused("{ \"Minifier\": \"terser\" }").Message);
            Assert.Contains("not between 0 and 100", Refused("{ \"MaxDeletePercent\": 120 }").Message);
            Assert.Equal("MediaSync.SettingsNotJson", Refused("{ \"Roots\": [\"media\" }").Id);
            Assert.Equal("MediaSync.SettingsNotFound", Assert.Throws<MediaSyncException>(() => SettingsReader.ReadFile(_tree.PathOf("none.json"))).Error.Id);
        }

        [Fact]
        public void A_secret_never_belongs_in_the_settings()
        {
            var error = Refused("{ \"Store\": { \"Type\": \"S3\", \"Bucket\": \"b\", \"SecretKey\": \"hunter2\" } }");
            Assert.Equal("MediaSync.SettingIsSecret", error.Id);
            Assert.DoesNotContain("hunter2", error.Message);
        }

        [Fact]
        public void A_hashtable_changes_only_the_keys_it_names_and_takes_a_function_for_the_cache_buster()
        {
            var start = SettingsReader.Defaults(_tree.Root);
            Func<string, string> buster = url => "h=" + url.Length;
            var map = new Hashtable { ["MediaUrl"] = "/assets/", ["Store"] = new Hashtable { ["Path"] = "public" }, ["CacheBuster"] = buster };

            var changed = SettingsReader.FromDictionary(map, start, _tree.Root, v => v, v => v as Func<string, string>);

            Assert.Equal("/assets/", changed.MediaUrl);
            Assert.Equal(_tree.PathOf("public"), changed.FolderDestination);
            Assert.Same(buster, changed.CacheBusterFunction);
            Assert.Equal(start.Roots, changed.Roots);
            Assert.Equal("/media/", start.MediaUrl);
            Assert.Equal("MediaSync.SettingUnknown",
                Assert.Throws<MediaSyncException>(() => SettingsReader.FromDictionary(new Hashtable { ["MediaURLs"] = "/x/" }, start, _tree.Root, v => v)).Error.Id);
        }

        [Fact]
        public void The_shipped_schema_names_exactly_the_keys_the_reader_takes()
        {
            using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "module", "mediasync.schema.json")));
            var properties = schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(SettingsReader.KeyNames.OrderBy(n => n, StringComparer.Ordinal), properties);
            Assert.False(schema.RootElement.GetProperty("additionalProperties").GetBoolean());
            var storeTypes = schema.RootElement.GetProperty("properties").GetProperty("Store").GetProperty("properties").GetProperty("Type").GetProperty("enum")
                .EnumerateArray().Select(t => t.GetString());
            Assert.Equal(StoreReader.TypeNames.OrderBy(n => n), storeTypes.OrderBy(n => n));
        }
    }
}
