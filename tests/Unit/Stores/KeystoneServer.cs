using System;
using MediaSync.Stores;
using MediaSync.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace MediaSync.Tests.Stores
{
    /// <summary>
    /// A real OpenStack Keystone (v3) whose catalog names the Ceph gateway's Swift API: the one named by
    /// MEDIASYNC_KEYSTONE_AUTH_URL (with _USER, _PASSWORD, _PROJECT), or one started by scripts/keystone.sh. When neither
    /// works the tests that need it fail with the script's output; they never skip. One it started is stopped afterwards.
    /// </summary>
    public sealed class KeystoneServer : ScriptedServer
    {
        public KeystoneServer(IMessageSink messages) : base(messages, "Keystone", "keystone.sh")
        {
            var named = Environment.GetEnvironmentVariable("MEDIASYNC_KEYSTONE_AUTH_URL");
            if (!string.IsNullOrEmpty(named))
            {
                (AuthUrl, User, Password, Project) = (named, Environment.GetEnvironmentVariable("MEDIASYNC_KEYSTONE_USER") ?? "",
                    Environment.GetEnvironmentVariable("MEDIASYNC_KEYSTONE_PASSWORD") ?? "", Environment.GetEnvironmentVariable("MEDIASYNC_KEYSTONE_PROJECT") ?? "");
                Say("Keystone: using MEDIASYNC_KEYSTONE_AUTH_URL; it is left running.");
                return;
            }
            var found = Start(@"auth=(\S+) project=(\S+) user=(\S+) password=(\S+) domain=\S+(?<reused> reused)?");
            if (found == null) return;
            (AuthUrl, Project, User, Password) = (found.Groups[1].Value, found.Groups[2].Value, found.Groups[3].Value, found.Groups[4].Value);
            SayStarted(AuthUrl);
        }

        public string? AuthUrl { get; }
        public string User { get; } = "";
        public string Password { get; } = "";
        public string Project { get; } = "";

        /// <summary>A Swift store signed in through Keystone, on a fresh container of the gateway.</summary>
        public SwiftStore NewSwiftStore(string prefix = "", Action<SwiftStoreOptions>? configure = null)
        {
            Assert.True(Failure == null, Failure);
            var options = new SwiftStoreOptions
            {
                AuthUrl = AuthUrl, UserName = User, Password = Password, ProjectName = Project, Region = "RegionOne",
                Container = "mediasync-" + Guid.NewGuid().ToString("N").Substring(0, 16), Prefix = prefix,
            };
            configure?.Invoke(options);
            var store = new SwiftStore(options);
            store.EnsureContainer(publicRead: true);
            return store;
        }
    }
}
