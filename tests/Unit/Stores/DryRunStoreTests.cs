using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using MediaSync.Content;
using MediaSync.Stores;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Stores
{
    /// <summary>What -WhatIf publishes to: the real store's listing, and every write recorded instead of made.</summary>
    public sealed class DryRunStoreTests
    {
        [Fact]
        public void It_lists_the_real_store_records_every_write_and_makes_none()
        {
            var real = new MemoryStore();
            var bytes = Encoding.UTF8.GetBytes("body{}");
            real.Put(new StorePut("css/old.css", new MemoryContent(bytes), TestMedia.Md5(bytes), new Dictionary<string, string>()), CancellationToken.None);
            real.Calls.Clear();
            var dryRun = new DryRunStore(real);

            var listed = dryRun.List(CancellationToken.None).Select(o => o.Key).ToArray();
            dryRun.Put(new StorePut("css/new.css", new MemoryContent(bytes), TestMedia.Md5(bytes), new Dictionary<string, string>()), CancellationToken.None);
            dryRun.UpdateHeaders("css/old.css", new Dictionary<string, string> { ["Cache-Control"] = "no-cache" }, CancellationToken.None);
            dryRun.Delete(new[] { "css/old.css" }, CancellationToken.None);

            Assert.Equal(new[] { "css/old.css" }, listed);
            Assert.Equal(new[] { "Put css/new.css", "UpdateHeaders css/old.css", "Delete css/old.css" }, dryRun.Recorded);
            Assert.Equal(new[] { "List" }, real.Calls);
            Assert.Equal(new[] { "css/old.css" }, real.List(CancellationToken.None).Select(o => o.Key));
        }
    }
}
