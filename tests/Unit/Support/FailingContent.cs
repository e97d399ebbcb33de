using System;
using System.IO;
using MediaSync.Content;

namespace MediaSync.Tests.Support
{
    /// <summary>Content whose stream fails part-way, to inject a failure in the middle of a write.</summary>
    public sealed class FailingContent : MediaContent
    {
        private readonly byte[] _bytes;
        private readonly int _failAfter;

        public FailingContent(int length, int failAfter)
        {
            _bytes = new byte[length];
            new Random(7).NextBytes(_bytes);
            _failAfter = failAfter;
        }

        public override long Length => _bytes.Length;
        public override Stream OpenRead() => new Failing(_bytes, _failAfter);

        private sealed class Failing : MemoryStream
        {
            private readonly int _failAfter;
            public Failing(byte[] bytes, int failAfter) : base(bytes, writable: false) => _failAfter = failAfter;

            public override int Read(byte[] buffer, int offset, int count)
            {
                if (Position >= _failAfter) throw new IOException("injected read failure");
                return base.Read(buffer, offset, (int)Math.Min(count, _failAfter - Position));
            }
        }
    }
}
