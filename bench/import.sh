#!/usr/bin/env bash
# Import cost: what `Import-Module MediaSync` adds to a fresh pwsh, in one run.
#   bench/import.sh [RUNS]            (default 30; writes bench/results/import.md)
# Interleaved rounds of `pwsh -NoProfile -c '$null'` and `pwsh -NoProfile -c 'Import-Module …'` in the pinned pwsh
# 7.6.9 (the local tool), against the module as build.ps1 builds it (Release); the difference of the medians, and
# the median of each round's difference, is what the module adds. Target (issue 9): under 0.15 s.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/.." && pwd)"
runs="${1:-30}"
cd "$repo"
dotnet tool restore >/dev/null
dotnet pwsh -NoProfile -NonInteractive -File build.ps1 -Task Build -Configuration Release >/dev/null
dotnet build-server shutdown >/dev/null 2>&1 || true   # build servers left running slowed every timed run here
# pwsh's own executable in the tool's folder ($PSHOME), as a user's installed pwsh starts, without `dotnet pwsh`'s
# tool lookup in front of it.
pwsh_path=$(dotnet pwsh -NoProfile -NonInteractive -c 'Join-Path $PSHOME pwsh')
[ -x "$pwsh_path" ] || chmod u+x "$pwsh_path"
mkdir -p "$here/results"

# For scale, the floor any module pays: an empty script module with a manifest (PowerShell's own import machinery).
empty="$(mktemp -d)/Empty"; mkdir -p "$empty"; : >"$empty/Empty.psm1"
echo "@{ RootModule = 'Empty.psm1'; ModuleVersion = '1.0'; FunctionsToExport = @(); CmdletsToExport = @() }" >"$empty/Empty.psd1"

python3 - "$pwsh_path" "$repo/out/MediaSync/MediaSync.psd1" "$runs" "$here/results/import.md" "$empty/Empty.psd1" <<'PY'
import statistics, subprocess, sys, time
pwsh, manifest, runs, out, empty = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
commands = {
    "pwsh -NoProfile -c '$null'": [pwsh, "-NoProfile", "-NonInteractive", "-c", "$null"],
    "pwsh -NoProfile -c 'Import-Module MediaSync'": [pwsh, "-NoProfile", "-NonInteractive", "-c", f"Import-Module '{manifest}'"],
    "pwsh -NoProfile -c 'Import-Module Empty' (for scale)": [pwsh, "-NoProfile", "-NonInteractive", "-c", f"Import-Module '{empty}'"],
}
times = {name: [] for name in commands}
for run in range(runs + 1):                     # the first round warms the disk cache and is not counted
    for name, argv in commands.items():
        start = time.perf_counter(); subprocess.run(argv, check=True, stdout=subprocess.DEVNULL); elapsed = time.perf_counter() - start
        if run > 0: times[name].append(elapsed)
bare, loaded, floor = times.values()
added = statistics.median(loaded) - statistics.median(bare)
paired = statistics.median(b - a for a, b in zip(bare, loaded))
lines = [f"{runs} interleaved rounds after 1 warm-up, median wall seconds; pwsh {pwsh}.", "",
         "| command | median s | min-max s |", "|---|---:|---:|"]
lines += [f"| {name} | {statistics.median(t):.3f} | {min(t):.3f}-{max(t):.3f} |" for name, t in times.items()]
lines += ["", "| what the module adds | measured | target |", "|---|---:|---:|",
          f"| difference of medians | {added:.3f} s | < 0.15 s |", f"| median of each round's difference | {paired:.3f} s | < 0.15 s |",
          f"| for scale: what an empty manifest module adds (median of differences) | {statistics.median(b - a for a, b in zip(bare, floor)):.3f} s | |"]
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
