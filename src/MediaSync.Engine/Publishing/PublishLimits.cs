using MediaSync.Reporting;

namespace MediaSync.Publishing
{
    /// <summary>The argument checks every publish shares, whatever its destination.</summary>
    internal static class PublishLimits
    {
        public static void Require(int maxDelete, int throttleLimit, int? maxDeletePercent = null)
        {
            if (maxDelete < 0) throw new MediaSyncException(Errors.ConflictingArguments($"{OptionNames.Of("MaxDelete")} cannot be negative."));
            if (throttleLimit < 1) throw new MediaSyncException(Errors.ConflictingArguments($"{OptionNames.Of("ThrottleLimit")} must be at least 1."));
            if (maxDeletePercent < 0 || maxDeletePercent > 100)
                throw new MediaSyncException(Errors.ConflictingArguments($"{OptionNames.Of("MaxDeletePercent")} is a percentage, 0 to 100."));
        }
    }
}
