using System.Text;
using MediaSync.Processing.References;
using MediaSync.Reporting;

namespace MediaSync.Processing
{
    /// <summary>
    /// Checks a file's text before a minifier sees it. Both minifiers read UTF-8 only: esbuild turns an invalid byte
    /// into U+FFFD without a word, and both write UTF-8 whatever a @charset rule says.
    /// </summary>
    internal static class MinifierInput
    {
        /// <summary>
        /// Null when the file may be minified; otherwise what it gets instead: Failed (TextEncodingInvalid) when its
        /// bytes are not valid in the encoding it declares, Unchanged (with a verbose note) when it is valid text in
        /// an encoding other than UTF-8, which a minifier would re-encode.
        /// </summary>
        public static ProcessOutcome? Refusal(MediaFile file, string step, IEngineHost host)
        {
            TextCodec codec;
            try
            {
                codec = TextCodec.Decode(file.Content.ReadAllBytes(), file.RelativePath).Codec;
            }
            catch (MediaSyncException e)
            {
                return ProcessOutcome.Failed(e.Error);
            }
            if (codec.Encoding is UTF8Encoding) return null;
            host.WriteVerbose($"'{file.RelativePath}' is {codec.Encoding.WebName}, not UTF-8: '{step}' leaves it unminified rather than re-encode it.");
            return ProcessOutcome.Unchanged;
        }
    }
}
