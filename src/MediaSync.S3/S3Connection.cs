using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.S3;
using MediaSync.Reporting;

namespace MediaSync.Stores
{
    /// <summary>
    /// The two ways to reach a bucket, and the rule between them: the lean client for the requests a sync makes by
    /// the thousand, the AWS SDK (made on first use: its configuration and client cost tens of milliseconds) for the
    /// rest and as the fallback. Credentials come from explicit test keys, a profile, or the SDK's standard chain, and
    /// appear in no message.
    /// </summary>
    internal sealed class S3Connection : IDisposable
    {
        private readonly Lazy<AmazonS3Client> _sdk;
        private volatile bool _leanUnavailable;
        private int _requests;

        public S3Connection(S3StoreOptions options, Uri bucketUrl)
        {
            var config = new Lazy<AmazonS3Config>(() =>
            {
                var made = new AmazonS3Config
                {
                    ForcePathStyle = options.ForcePathStyle,
                    RetryMode = RequestRetryMode.Standard,
                    MaxErrorRetry = options.MaxRetries,
                    Timeout = options.RequestTimeout,
                    // S3-compatible servers (Ceph RGW) answer 400 XAmzContentSHA256Mismatch to the SDK's default trailing checksums.
                    RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                    ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
                };
                if (options.EndpointUrl != null)
                {
                    made.ServiceURL = options.EndpointUrl;
                    made.AuthenticationRegion = options.Region;
                }
                else made.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
                return made;
            });
            AWSCredentials? credentials = options.AccessKey != null ? new BasicAWSCredentials(options.AccessKey, options.SecretKey ?? "")
                : options.ProfileName == null ? null : ProfileCredentials(options.ProfileName);
            _sdk = new Lazy<AmazonS3Client>(() => credentials == null ? new AmazonS3Client(config.Value) : new AmazonS3Client(credentials, config.Value));
            var resolved = new Lazy<Func<ImmutableCredentials>>(() =>
            {
                var chosen = credentials ?? Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials(config.Value);
                return chosen.GetCredentials;
            });
            Lean = new S3LeanClient(bucketUrl, options.Region, options.RequestTimeout,
                () => credentials == null && EnvironmentCredentials() is ImmutableCredentials fromEnvironment ? fromEnvironment : resolved.Value());
        }

        public AmazonS3Client Sdk => _sdk.Value;
        public S3LeanClient Lean { get; }

        /// <summary>Requests made so far (tests check that an unchanged file costs none).</summary>
        public int Requests => Volatile.Read(ref _requests);

        public void Count() => Interlocked.Increment(ref _requests);

        /// <summary>
        /// A request through the lean client; when it fails, the same request through the SDK, with its retries and full
        /// errors. A failure that says the lean path does not fit this endpoint sends every later request to the SDK.
        /// </summary>
        public T Fallback<T>(Func<Task<T>> lean, Func<Task<T>> sdk) => FallbackAsync(lean, sdk).ConfigureAwait(false).GetAwaiter().GetResult();

        public async Task<T> FallbackAsync<T>(Func<Task<T>> lean, Func<Task<T>> sdk)
        {
            Count();
            if (!_leanUnavailable)
            {
                try { return await lean().ConfigureAwait(false); }
                catch (S3LeanClient.LeanRequestFailed e) { if (e.Lasting) _leanUnavailable = true; }
            }
            return await sdk().ConfigureAwait(false);
        }

        /// <summary>The engine's callers are synchronous (a cmdlet's pipeline thread); the SDK is async-only on .NET Core.</summary>
        public T Wait<T>(Task<T> task)
        {
            Count();
            return task.ConfigureAwait(false).GetAwaiter().GetResult();
        }

        /// <summary>
        /// The first source of the SDK's standard chain, read directly: the same keys, without starting the SDK's
        /// resolver for a read that may be all the run does.
        /// </summary>
        private static ImmutableCredentials? EnvironmentCredentials()
        {
            var access = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
            var secret = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
            return string.IsNullOrEmpty(access) || string.IsNullOrEmpty(secret) ? null
                : new ImmutableCredentials(access, secret, Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN"));
        }

        private static AWSCredentials ProfileCredentials(string profile)
        {
            if (new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var credentials)) return credentials;
            throw new MediaSyncException(Errors.ConflictingArguments($"There is no AWS profile named '{profile}'."));
        }

        public void Dispose()
        {
            if (_sdk.IsValueCreated) _sdk.Value.Dispose();
            Lean.Dispose();
        }
    }
}
