using System;
using System.IO;
using System.Security.Cryptography;

namespace MediaSync.Content
{
    /// <summary>A source file that changed while it was being published: what was read is not what was planned.</summary>
    public sealed class SourceChangedException : IOException
    {
        /// <summary>The message says what was found changed: "it ended at 3 bytes, not 4".</summary>
        public SourceChangedException(string what) : base($"The source changed while it was being published: {what}.") { }
    }

    /// <summary>
    /// Content as a store writes it: every sequential read is counted and hashed, and reaching the end checks the
    /// length, the MD5 the publish recorded (when it has one) and that the source file still has the size and write time
    /// it was found with. A mismatch throws before the last bytes are handed over, so the write fails instead of
    /// landing bytes that differ from what MediaSync records for them.
    /// </summary>
    internal sealed class CheckedContent : MediaContent
    {
        private readonly MediaContent _inner;
        private readonly Func<string?> _md5;

        public CheckedContent(MediaContent inner, Func<string?> md5)
        {
            _inner = inner;
            _md5 = md5;
        }

        public override long Length => _inner.Length;
        public override string? FilePath => _inner.FilePath;
        public override void CheckUnchanged() => _inner.CheckUnchanged();
        public override Stream OpenRead() => new VerifyingStream(_inner.OpenRead(), this, _md5);

        private sealed class VerifyingStream : Stream
        {
            private readonly Stream _inner;
            private readonly CheckedContent _content;
            private readonly Func<string?> _md5;
            private MD5? _hash = MD5.Create();
            private long _read;

            public VerifyingStream(Stream inner, CheckedContent content, Func<string?> md5) => (_inner, _content, _md5) = (inner, content, md5);

            public override int Read(byte[] buffer, int offset, int count)
            {
                var n = _inner.Read(buffer, offset, count);
                if (_hash == null) return n;   // a ranged read (after a seek) is checked by its caller
                if (n == 0)
                {
                    if (_read < _content.Length) throw Changed($"it ended at {_read} bytes, not {_content.Length}");
                    return 0;
                }
                _read += n;
                if (_read > _content.Length) throw Changed($"it grew past {_content.Length} bytes");
                _hash.TransformBlock(buffer, offset, n, null, 0);
                if (_read == _content.Length) Finish();
                return n;
            }

            private void Finish()
            {
                _hash!.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
                var read = ContentHash.ToHex(_hash.Hash!);
                var recorded = _md5();
                if (recorded != null && !string.Equals(read, recorded, StringComparison.OrdinalIgnoreCase))
                    throw Changed($"its bytes hash to {read}, not {recorded}");
                _content.CheckUnchanged();
            }

            private static SourceChangedException Changed(string what) => new SourceChangedException(what);

            public override long Seek(long offset, SeekOrigin origin)
            {
                var at = _inner.Seek(offset, origin);
                Restart(at);
                return at;
            }

            public override long Position
            {
                get => _inner.Position;
                set { _inner.Position = value; Restart(value); }
            }

            /// <summary>A retry rewinds to the start and is checked afresh; a read from elsewhere is a range.</summary>
            private void Restart(long at)
            {
                _hash?.Dispose();
                _hash = at == 0 ? MD5.Create() : null;
                _read = 0;
            }

            public override bool CanRead => true;
            public override bool CanSeek => _inner.CanSeek;
            public override bool CanWrite => false;
            public override long Length => _inner.Length;
            public override void Flush() { }
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    _hash?.Dispose();
                    _inner.Dispose();
                }
                base.Dispose(disposing);
            }
        }
    }
}
