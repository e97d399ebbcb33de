using System;
using System.IO;
using System.Reflection;
#if NET8_0_OR_GREATER
using System.Runtime.Loader;
#endif

namespace MediaSync.Stores
{
    /// <summary>
    /// Opens the stores that bring an SDK of their own (S3, Azure Blob) without the engine referencing it. On .NET,
    /// each store assembly and its SDK load into a context of their own, so another copy of that SDK already in the
    /// process (AWS.Tools carries AWSSDK.Core 3.7; the Az modules carry Azure.Core) cannot clash with ours; the engine
    /// comes from the caller's context, so IMediaStore, MediaFile and the options are the same types on both sides.
    /// On .NET Framework (Windows PowerShell 5.1) the assemblies load as usual.
    /// </summary>
    internal static class StoreAssemblies
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<MethodInfo>> Factories =
            new System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<MethodInfo>>(StringComparer.Ordinal);

        /// <summary>A store over <paramref name="options"/>, made by <paramref name="factory"/>.Create in <paramref name="assemblyName"/>; nothing is contacted yet.</summary>
        public static IMediaStore Open(string assemblyName, string factory, object options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            var create = Factories.GetOrAdd(assemblyName, name => new Lazy<MethodInfo>(() => FindFactory(name, factory))).Value;
            try
            {
                return (IMediaStore)create.Invoke(null, new[] { options })!;
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        }

        private static MethodInfo FindFactory(string assemblyName, string factory)
        {
            var folder = Path.GetDirectoryName(typeof(StoreAssemblies).Assembly.Location)!;
            var path = Path.Combine(folder, assemblyName + ".dll");
            if (!File.Exists(path)) throw new FileNotFoundException($"The store is missing: {path} was not shipped beside MediaSync.Engine.", path);
#if NET8_0_OR_GREATER
            var assembly = new IsolatedContext(assemblyName, folder).LoadFromAssemblyPath(path);
#else
            var assembly = Assembly.LoadFrom(path);
#endif
            return assembly.GetType(factory, throwOnError: true)!.GetMethod("Create")!;
        }

#if NET8_0_OR_GREATER
        /// <summary>
        /// Loads a store's own dependencies (its SDK) from the engine's folder, and what the runtime itself ships
        /// (System.*, and the host's own assemblies) from the default context.
        /// </summary>
        private sealed class IsolatedContext : AssemblyLoadContext
        {
            private static readonly string RuntimeFolder = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
            private readonly string _folder;

            public IsolatedContext(string name, string folder) : base(name) => _folder = folder;

            protected override Assembly? Load(AssemblyName name)
            {
                // The engine is shared, so both sides agree on its types; a second copy would make them strangers.
                var engine = typeof(StoreAssemblies).Assembly;
                if (name.Name == engine.GetName().Name) return engine;
                var candidate = Path.Combine(_folder, name.Name + ".dll");
                return File.Exists(candidate) && !File.Exists(Path.Combine(RuntimeFolder, name.Name + ".dll")) ? LoadFromAssemblyPath(candidate) : null;
            }
        }
#endif
    }

    /// <summary>Opens S3 stores (MediaSync.S3, with AWSSDK 4.0).</summary>
    internal static class S3Stores
    {
        /// <summary>A store over the bucket (and prefix) in <paramref name="options"/>; nothing is contacted yet.</summary>
        public static IMediaStore Open(S3StoreOptions options) => StoreAssemblies.Open("MediaSync.S3", "MediaSync.Stores.S3StoreFactory", options);
    }

    /// <summary>Opens Azure Blob stores (MediaSync.Azure, with Azure.Storage.Blobs 12).</summary>
    internal static class AzureBlobStores
    {
        /// <summary>A store over the container (and prefix) in <paramref name="options"/>; nothing is contacted yet.</summary>
        public static IMediaStore Open(AzureBlobStoreOptions options) => StoreAssemblies.Open("MediaSync.Azure", "MediaSync.Stores.AzureBlobStoreFactory", options);
    }
}
