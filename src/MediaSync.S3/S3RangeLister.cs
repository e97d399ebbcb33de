using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.S3.Model;

namespace MediaSync.Stores
{
    /// <summary>
    /// Lists a bucket in ranges at once: the keys MediaSync remembers split it into ranges of about a page,
    /// (-inf, b1], (b1, b2], ..., (bn, +inf), and together they are the whole bucket, whatever another writer added.
    /// </summary>
    internal sealed class S3RangeLister
    {
        private const int MostRangesAtOnce = 16;

        public delegate Task<(List<S3Object> Objects, string? Next)> PageFetcher(string? startAfter, string? continuation, CancellationToken cancellation);

        private readonly PageFetcher _page;
        private readonly int _pageSize;

        public S3RangeLister(PageFetcher page, int pageSize)
        {
            _page = page;
            _pageSize = pageSize;
        }

        /// <summary>The first page, asked for early: every range split starts with it.</summary>
        public Task<(List<S3Object> Objects, string? Next)> FirstPage(CancellationToken cancellation) => _page(null, null, cancellation);

        /// <summary>Every object under the prefix, split at every page-th of <paramref name="rememberedKeys"/> (full keys).</summary>
        public List<S3Object> List(IEnumerable<string> rememberedKeys, Task<(List<S3Object> Objects, string? Next)> firstPage, CancellationToken cancellation)
        {
            var bounds = Bounds(rememberedKeys);
            // Awaited, not blocked: a blocked pool thread cannot finish anyone's request.
            var ranges = Enumerable.Range(0, bounds.Count + 1)
                .Select(i => ListRange(i == 0 ? null : bounds[i - 1], i == bounds.Count ? null : bounds[i], i == 0 ? firstPage : null, cancellation))
                .ToArray();
            return Task.WhenAll(ranges).ConfigureAwait(false).GetAwaiter().GetResult().SelectMany(range => range).ToList();
        }

        /// <summary>Each range is about one page when the bucket is as MediaSync left it, and more pages when it is not.</summary>
        private List<string> Bounds(IEnumerable<string> rememberedKeys)
        {
            var known = rememberedKeys.ToList();
            known.Sort(Utf8Order.Instance);
            var stride = Math.Max(_pageSize, (known.Count + MostRangesAtOnce - 1) / MostRangesAtOnce);
            var bounds = new List<string>();
            for (var i = stride - 1; i < known.Count - 1; i += stride) bounds.Add(known[i]);
            return bounds;
        }

        private async Task<List<S3Object>> ListRange(string? after, string? through, Task<(List<S3Object> Objects, string? Next)>? fetched,
            CancellationToken cancellation)
        {
            var found = new List<S3Object>();
            string? next = null;
            while (true)
            {
                var page = await (fetched ?? _page(next == null ? after : null, next, cancellation)).ConfigureAwait(false);
                fetched = null;
                foreach (var entry in page.Objects)
                {
                    if (through != null && Utf8Order.Instance.Compare(entry.Key, through) > 0) return found;
                    found.Add(entry);
                }
                // A range that ends exactly at its bound is done, however the page ends.
                if (page.Next == null || (through != null && found.Count > 0 && found[found.Count - 1].Key == through)) return found;
                next = page.Next;
            }
        }
    }

    /// <summary>S3 lists keys in the order of their UTF-8 bytes, which differs from .NET's ordinal order past U+FFFF.</summary>
    internal sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new Utf8Order();

        // Called for every listed key: compare the UTF-16 text without encoding it. The orders differ only where
        // a surrogate (U+D800-DFFF, half of a character above U+FFFF) meets U+E000-FFFF, which UTF-8 puts first.
        public int Compare(string? x, string? y)
        {
            x ??= "";
            y ??= "";
            for (var i = 0; i < x.Length && i < y.Length; i++)
            {
                int a = x[i], b = y[i];
                if (a == b) continue;
                return a >= 0xD800 && b >= 0xD800 ? CodePointRank(a).CompareTo(CodePointRank(b)) : a.CompareTo(b);
            }
            return x.Length.CompareTo(y.Length);
        }

        private static int CodePointRank(int unit) => unit >= 0xE000 ? unit - 0x800 : unit + 0x2000;
    }
}
