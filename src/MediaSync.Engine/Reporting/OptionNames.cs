using System;
using System.Text;

namespace MediaSync.Reporting
{
    /// <summary>
    /// How messages name an option: the engine knows options by neutral names (MaxDelete), and the host that
    /// shows the message says how its users spell them. PowerShell's -MaxDelete unless a host says otherwise; the
    /// command line sets <see cref="Kebab"/> (--max-delete) when it starts.
    /// </summary>
    internal static class OptionNames
    {
        private static Func<string, string> _style = name => "-" + name;

        /// <summary>The spelling of every option in messages from now on; set once, by the host, at start.</summary>
        public static Func<string, string> Style
        {
            get => _style;
            set => _style = value ?? throw new ArgumentNullException(nameof(value));
        }

        /// <summary>The option as this host's users write it.</summary>
        public static string Of(string name) => _style(name);

        /// <summary>MaxDeletePercent as --max-delete-percent.</summary>
        public static string Kebab(string name)
        {
            var spelled = new StringBuilder("--");
            for (var i = 0; i < name.Length; i++)
            {
                if (char.IsUpper(name[i]) && i > 0) spelled.Append('-');
                spelled.Append(char.ToLowerInvariant(name[i]));
            }
            return spelled.ToString();
        }
    }
}
