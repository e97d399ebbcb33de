using System;
using System.IO;
using MediaSync.HelpGen;

// HelpGen <cmdlet assembly> <its XML doc file> <System.Management.Automation reference assembly> <output MAML file>
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: HelpGen <cmdlets.dll> <cmdlets.xml> <System.Management.Automation.dll> <out.xml>");
    return 2;
}
try
{
    var commands = CmdletReader.Read(args[0], args[2], DocComments.Load(args[1]));
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[3]))!);
    MamlWriter.Write(commands).Save(args[3]);
    Console.WriteLine($"HelpGen: help for {commands.Count} cmdlets in {args[3]}");
    return 0;
}
catch (HelpException e)
{
    // Missing help is a build error, so no cmdlet ships without it.
    Console.Error.WriteLine("HelpGen: error: " + e.Message);
    return 1;
}
