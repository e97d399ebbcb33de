using System;
using System.Text;

namespace MediaSync.Processing
{
    /// <summary>
    /// What a script processor sees as $_: the file's key and type, and its content as text or bytes, read on
    /// first use.
    /// </summary>
    public sealed class ProcessorInput
    {
        private byte[]? _bytes;

        public ProcessorInput(MediaFile file) => File = file ?? throw new ArgumentNullException(nameof(file));

        public MediaFile File { get; }
        public string RelativePath => File.RelativePath;
        public string ContentType => File.ContentType;
        public byte[] Bytes => _bytes ??= File.Content.ReadAllBytes();

        /// <summary>The content decoded as UTF-8, without a byte-order mark.</summary>
        public string Text
        {
            get
            {
                var bytes = Bytes;
                var skip = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
                return Encoding.UTF8.GetString(bytes, skip, bytes.Length - skip);
            }
        }

        public override string ToString() => RelativePath;
    }
}
