using System;

namespace MediaSync.Publishing
{
    /// <summary>What <c>Publish-Media -Destination</c> asks for.</summary>
    internal sealed class LocalPublishRequest
    {
        public static int DefaultThrottleLimit => Math.Max(2, Math.Min(8, Environment.ProcessorCount));

        public const int DefaultMaxDelete = 100;

        public LocalPublishRequest(string destination) => Destination = destination ?? throw new ArgumentNullException(nameof(destination));

        /// <summary>The destination folder, an absolute path.</summary>
        public string Destination { get; }

        public PublishMode Mode { get; set; } = PublishMode.Copy;

        /// <summary>Copy mode's strategy; null means the default, IfChanged. Setting it in Link mode is an error.</summary>
        public OverwriteStrategy? Overwrite { get; set; }

        /// <summary>Link mode's fallback; null means None. Setting it in Copy mode is an error.</summary>
        public LinkFallback? Fallback { get; set; }

        /// <summary>Always compare content when sizes match, even when times match too.</summary>
        public bool Checksum { get; set; }

        /// <summary>Delete destination files that are not in the published set, after all writes.</summary>
        public bool Delete { get; set; }

        /// <summary>The most orphans a delete may remove; null means <see cref="DefaultMaxDelete"/>.</summary>
        public int? MaxDelete { get; set; }

        /// <summary>Parallel file operations; null means <see cref="DefaultThrottleLimit"/>.</summary>
        public int? ThrottleLimit { get; set; }

        /// <summary>-WhatIf: plan everything, write nothing, emit the plan.</summary>
        public bool WhatIf { get; set; }

        /// <summary>Whether the destination treats names case-sensitively; null detects it.</summary>
        public bool? CaseSensitiveDestination { get; set; }

        internal OverwriteStrategy Strategy => Overwrite ?? OverwriteStrategy.IfChanged;
        internal int DeleteLimit => MaxDelete ?? DefaultMaxDelete;
        internal int Parallelism => ThrottleLimit ?? DefaultThrottleLimit;
    }
}
