using System;

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

        /// <summary>
        /// The content decoded as its byte-order mark (or a stylesheet's @charset) says, else as UTF-8, without the mark.
        /// Bytes that are not valid there throw MediaSync.TextEncodingInvalid, naming the file: never U+FFFD.
        /// </summary>
        public string Text => References.TextCodec.Decode(Bytes, RelativePath).Text;

        public override string ToString() => RelativePath;
    }
}
