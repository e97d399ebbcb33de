using System;
using System.Collections.Generic;

namespace MediaSync.HelpGen
{
    public sealed class HelpException : Exception
    {
        public HelpException(string message) : base(message) { }
    }

    public sealed record HelpExample(string Code, string Remarks);

    public sealed record HelpParameter(string Name, string TypeName, string FullTypeName, bool IsSwitch, string Description,
        IReadOnlyList<string> Aliases, bool Globbing, IReadOnlyList<ParameterSetUse> Sets);

    /// <summary>How a parameter appears in one parameter set ("__AllParameterSets" for every set).</summary>
    public sealed record ParameterSetUse(string SetName, bool Mandatory, int? Position, bool ByValue, bool ByPropertyName);

    public sealed record HelpCommand(string Verb, string Noun, string Synopsis, IReadOnlyList<string> Description,
        IReadOnlyList<HelpParameter> Parameters, IReadOnlyList<string> ParameterSets, IReadOnlyList<string> Outputs,
        IReadOnlyList<HelpExample> Examples, IReadOnlyList<string> Links)
    {
        public string Name => Verb + "-" + Noun;
    }
}
