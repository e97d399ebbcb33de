using System;
using System.Threading;

namespace MediaSync.Stores
{
    /// <summary>
    /// A store whose bucket or container may not be there yet. Made with -Create (--create, settings' Create), its
    /// listing of a missing one is empty and <see cref="Missing"/>; the publisher then creates it, private, before the
    /// first write (never under -WhatIf). An existing one is never touched, its access left as it is.
    /// </summary>
    public interface ICreatableStore : IMediaStore
    {
        /// <summary>The last listing found no bucket or container, and the store was made to create it.</summary>
        bool Missing { get; }

        /// <summary>Creates the bucket or container with no public access.</summary>
        void Create(CancellationToken cancellation);
    }

    /// <summary>The bucket or container a store names is not there; the message says which.</summary>
    public sealed class StoreMissingException : Exception
    {
        public StoreMissingException(string message, Exception? inner = null) : base(message, inner) { }

        /// <summary>The service's "not there" inside <paramref name="exception"/> (AggregateException too), or null.</summary>
        public static Exception? Find(Exception? exception, Func<Exception, bool> isMissing)
        {
            for (var e = exception; e != null; e = e.InnerException)
            {
                if (isMissing(e)) return e;
                if (e is AggregateException all)
                    foreach (var inner in all.InnerExceptions)
                        if (Find(inner, isMissing) is Exception found) return found;
            }
            return null;
        }
    }
}
