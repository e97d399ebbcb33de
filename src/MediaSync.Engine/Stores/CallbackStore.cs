using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Threading;
using MediaSync.Reporting;

namespace MediaSync.Stores
{
    /// <summary>
    /// A store made of the caller's functions: list and put, and optionally delete (New-MediaStore -List -Put -Delete,
    /// the ancestor's "implement two methods and start syncing"). The listing may return plain objects or
    /// dictionaries with Key, Size (or Length), and optionally Md5 (or Hash, or a single-part ETag) and Headers.
    /// Every call is made on the publishing thread, one at a time, because a scriptblock needs its runspace's thread.
    /// A call that writes an error without throwing (a script's Write-Error, a failed command or method inside it)
    /// has failed all the same: the put is that file's error, the listing stops the publish, the delete fails its keys.
    /// </summary>
    public sealed class CallbackStore : IPublicUrlStore, ICallerThreadStore
    {
        private readonly Func<IEnumerable<object?>> _list;
        private readonly Action<StorePut> _put;
        private readonly Action<IReadOnlyList<string>>? _delete;
        private readonly Func<object, string, object?> _readProperty;
        private readonly Uri _baseUrl;
        private readonly Func<IReadOnlyList<string>>? _takeErrors;

        /// <summary>
        /// A store at <paramref name="baseUrl"/>; <paramref name="readProperty"/> reads a named property of a listed
        /// item (a PSObject needs PowerShell's view of it), and null uses <see cref="ReadProperty"/>.
        /// <paramref name="takeErrors"/> gives (and forgets) the errors the last call wrote without throwing.
        /// </summary>
        public CallbackStore(string baseUrl, Func<IEnumerable<object?>> list, Action<StorePut> put, Action<IReadOnlyList<string>>? delete = null,
            bool keepsHeaders = false, Func<object, string, object?>? readProperty = null, Func<IReadOnlyList<string>>? takeErrors = null)
        {
            _takeErrors = takeErrors;
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                throw new MediaSyncException(Errors.ConflictingArguments($"{OptionNames.Of("BaseUrl")} '{baseUrl}' is not an absolute http or https URL."));
            _baseUrl = url;
            _list = list ?? throw new ArgumentNullException(nameof(list));
            _put = put ?? throw new ArgumentNullException(nameof(put));
            _delete = delete;
            _readProperty = readProperty ?? ReadProperty;
            KeepsHeaders = keepsHeaders;
        }

        public string Name => _baseUrl.AbsoluteUri;
        public bool KeepsHeaders { get; }
        public bool CanDelete => _delete != null;

        public IEnumerable<StoredObject> List(CancellationToken cancellation)
        {
            cancellation.ThrowIfCancellationRequested();
            // A key listed twice is refused where every store's listing arrives (StoreListing).
            var objects = new List<StoredObject>();
            var position = 0;
            foreach (var item in Call("List", () => (_list() ?? Enumerable.Empty<object?>()).ToList()))
            {
                position++;
                if (item != null) objects.Add(ToStoredObject(item, position));
            }
            return objects.OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
        }

        public void Put(StorePut put, CancellationToken cancellation)
        {
            cancellation.ThrowIfCancellationRequested();
            Call("Put", () => { _put(put); return true; });
        }

        public void Delete(IReadOnlyList<string> keys, CancellationToken cancellation)
        {
            if (_delete == null) throw new NotSupportedException("this store was made without a delete function.");
            cancellation.ThrowIfCancellationRequested();
            if (keys.Count > 0) Call("Delete", () => { _delete(keys.ToArray()); return true; });
        }

        /// <summary>Runs one of the functions; an error it wrote without throwing is thrown here, so it fails what it was called for.</summary>
        private T Call<T>(string function, Func<T> call)
        {
            _takeErrors?.Invoke();   // errors written before this call are not its own
            var result = call();
            var errors = _takeErrors?.Invoke();
            if (errors != null && errors.Count > 0)
                throw new InvalidOperationException($"{OptionNames.Of(function)} wrote {(errors.Count == 1 ? "an error" : errors.Count + " errors")}: {string.Join("; ", errors)}");
            return result;
        }

        public Uri UrlFor(string key) => new Uri(_baseUrl.AbsoluteUri.TrimEnd('/') + "/" + MediaKey.ToUrlPath(key));

        private StoredObject ToStoredObject(object item, int position)
        {
            if (item is StoredObject stored) return stored;
            object? Read(params string[] names)
            {
                foreach (var name in names)
                {
                    var value = _readProperty(item, name);
                    if (value != null) return value;
                }
                return null;
            }
            var what = $"item {position} of the listing";
            var key = Read("Key")?.ToString();
            if (key == null) throw new InvalidOperationException($"{what} has no Key.");
            if (!MediaKey.IsValid(key, out var problem)) throw new InvalidOperationException($"{what} has the key '{key}', which is not valid: {problem}.");
            var sizeValue = Read("Size", "Length");
            long size;
            try { size = sizeValue == null ? -1 : Convert.ToInt64(sizeValue, CultureInfo.InvariantCulture); }
            catch (Exception e) when (e is FormatException || e is InvalidCastException || e is OverflowException) { size = -1; }
            if (size < 0) throw new InvalidOperationException($"{what} ('{key}') has no Size (a number of bytes).");
            return new StoredObject(key, size, Md5Of(Read("Md5", "Hash", "ETag")?.ToString()), HeadersOf(Read("Headers"), $"the listing of {Name} ('{key}')"));
        }

        /// <summary>Only a plain 32-hex digest counts; a multipart ETag ("...-3") or anything else means "unknown".</summary>
        private static string? Md5Of(string? value)
        {
            var hex = value?.Trim().Trim('"');
            return hex != null && hex.Length == 32 && hex.All(Uri.IsHexDigit) ? hex.ToLowerInvariant() : null;
        }

        /// <summary>The headers a listed object says it is served with; one that could not be sent is HeaderInvalid, before anything is put.</summary>
        private static IReadOnlyDictionary<string, string>? HeadersOf(object? value, string source)
        {
            if (value == null) return null;
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (value is IDictionary dictionary)
                foreach (DictionaryEntry entry in dictionary)
                {
                    var name = entry.Key?.ToString() ?? "";
                    var text = entry.Value?.ToString() ?? "";
                    HeaderSyntax.Require(name, text, source);
                    headers[name] = text;
                }
            else throw new InvalidOperationException("Headers must be a dictionary of header names to values.");
            return headers;
        }

        /// <summary>A dictionary's entry or an object's public property, by name, ignoring case.</summary>
        public static object? ReadProperty(object item, string name)
        {
            if (!(item is IDictionary dictionary))
                return item.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.GetValue(item);
            if (dictionary.Contains(name)) return dictionary[name];
            foreach (DictionaryEntry entry in dictionary)
                if (string.Equals(entry.Key?.ToString(), name, StringComparison.OrdinalIgnoreCase)) return entry.Value;
            return null;
        }
    }
}
