using System.Collections.Generic;
using MediaSync.Platform;
using MediaSync.Reporting;

namespace MediaSync.Discovery
{
    /// <summary>
    /// Which links discovery follows. A link whose chain stays inside its root is followed (a file link publishes its
    /// target's bytes, a folder link is walked); one that leads outside is skipped, with one warning naming it, unless
    /// -FollowLinks (rclone skips links unless -L; aws s3 sync follows them unless --no-follow-symlinks: MediaSync takes
    /// the safe default, since a link in a repository can point anywhere on the machine that builds it).
    /// </summary>
    internal sealed class LinkPolicy
    {
        private readonly bool _followOutside;
        private readonly IEngineHost _host;
        private readonly List<string> _skipped = new List<string>();

        public LinkPolicy(bool followOutside, IEngineHost host)
        {
            _followOutside = followOutside;
            _host = host;
        }

        /// <summary>
        /// The keys skipped so far: the list itself, shared by every file found, so that by the time a publish deletes
        /// orphans it holds every key the whole walk skipped (what a destination has under them is kept).
        /// </summary>
        public IReadOnlyList<string> SkippedKeys => _skipped;

        /// <summary>True when <paramref name="path"/> (keyed <paramref name="key"/>) may be followed; false after warning of it.</summary>
        public bool Allows(string path, string key, string rootRealPath)
        {
            if (_followOutside || FileLinks.StaysInside(path, rootRealPath)) return true;
            _host.WriteWarning(Errors.LinkOutsideRootSkipped(path, FileLinks.RealPath(path) ?? path, rootRealPath));
            _skipped.Add(key);
            return false;
        }
    }
}
