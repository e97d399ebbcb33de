using System;
using System.IO;
using System.Reflection;
#if NET8_0_OR_GREATER
using System.Runtime.Loader;
#endif

namespace MediaSync.Stores
{
    /// <summary>
    /// Opens S3 stores without the engine referencing the AWS SDK. On .NET, MediaSync.S3 and AWSSDK.* load into a
    /// context of their own, so another AWSSDK.Core already in the process (AWS.Tools 4.x carries 3.7) cannot clash
    /// with ours; MediaSync.Engine comes from the caller's context, so IMediaStore, MediaFile and S3StoreOptions are
    /// the same types on both sides. On .NET Framework (Windows PowerShell 5.1) the assembly loads as usual.
    /// </summary>
    internal static class S3Stores
    {
        private const string AssemblyName = "MediaSync.S3";
        private static readonly Lazy<MethodInfo> Create = new Lazy<MethodInfo>(FindFactory);

        /// <summary>A store over the bucket (and prefix) in <paramref name="options"/>; nothing is contacted yet.</summary>
        public static IMediaStore Open(S3StoreOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            try
            {
                return (IMediaStore)Create.Value.Invoke(null, new object[] { options })!;
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        }

        private static MethodInfo FindFactory()
        {
            var folder = Path.GetDirectoryName(typeof(S3Stores).Assembly.Location)!;
            var path = Path.Combine(folder, AssemblyName + ".dll");
            if (!File.Exists(path)) throw new FileNotFoundException($"The S3 store is missing: {path} was not shipped beside MediaSync.Engine.", path);
#if NET8_0_OR_GREATER
            var assembly = new IsolatedContext(folder).LoadFromAssemblyPath(path);
#else
            var assembly = Assembly.LoadFrom(path);
#endif
            return assembly.GetType("MediaSync.Stores.S3StoreFactory", throwOnError: true)!.GetMethod("Create")!;
        }

#if NET8_0_OR_GREATER
        /// <summary>Loads MediaSync.S3's own dependencies (the AWS SDK) from the engine's folder, everything else from the default context.</summary>
        private sealed class IsolatedContext : AssemblyLoadContext
        {
            private readonly string _folder;

            public IsolatedContext(string folder) : base("MediaSync.S3") => _folder = folder;

            protected override Assembly? Load(AssemblyName name)
            {
                // The engine is shared, so both sides agree on its types; a second copy would make them strangers.
                var engine = typeof(S3Stores).Assembly;
                if (name.Name == engine.GetName().Name) return engine;
                var candidate = Path.Combine(_folder, name.Name + ".dll");
                return File.Exists(candidate) && !IsFramework(name) ? LoadFromAssemblyPath(candidate) : null;
            }

            private static bool IsFramework(AssemblyName name) =>
                name.Name != null && (name.Name.StartsWith("System.", StringComparison.Ordinal) || name.Name.StartsWith("Microsoft.", StringComparison.Ordinal) || name.Name == "netstandard");
        }
#endif
    }
}
