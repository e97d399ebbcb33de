#!/usr/bin/env bash
# Local-publish benchmark: MediaSync (the CLI over the same engine as Publish-Media) against cp -r and rsync,
# on the 5,008-file tree from ../shared/bench/gen-tree.py --preset full, all in one run.
#   bench/local-publish.sh [RUNS]            (default 5; writes bench/results/local-publish.md)
# Scenarios: initial copy into an empty folder (vs cp -r), and a no-op re-run (vs rsync -a).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/.." && pwd)"
runs="${1:-5}"
work="${BENCH_WORK:-/tmp/mediasync-bench-local}"
gen="${GEN_TREE:-$repo/../shared/bench/gen-tree.py}"
for tool in rsync; do
  command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$tool"; }
done
mkdir -p "$work" "$here/results"
[ -d "$work/tree" ] || python3 "$gen" "$work/tree" --preset full >/dev/null

dotnet publish "$repo/src/MediaSync.Cli" -c Release -o "$work/cli" -p:PublishReadyToRun=false --nologo -v q >/dev/null
dotnet build-server shutdown >/dev/null 2>&1 || true   # build servers left running slowed every timed run here
ms="$work/cli/mediasync"
files=$(find "$work/tree" -type f | wc -l); bytes=$(du -sb "$work/tree" | cut -f1)

# Interleaved runs (cp, MediaSync, rsync, MediaSync, ...) with a sync before each, so drifting disk speed on a
# shared VM hits every tool alike; hyperfine would run all of one command first.
python3 - "$work" "$ms" "$runs" "$work/times.json" <<'PY'
import json, os, shutil, subprocess, sys, time
work, ms, runs, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
tree = os.path.join(work, "tree")
commands = {
    "cp-initial": (lambda: shutil.rmtree(os.path.join(work, "cp"), ignore_errors=True), ["cp", "-r", tree, os.path.join(work, "cp")]),
    "mediasync-initial": (lambda: shutil.rmtree(os.path.join(work, "ms"), ignore_errors=True), [ms, "publish", tree, "--destination", os.path.join(work, "ms"), "--summary"]),
    "rsync-noop": (lambda: None, ["rsync", "-a", tree + "/", os.path.join(work, "rs") + "/"]),
    "mediasync-noop": (lambda: None, [ms, "publish", tree, "--destination", os.path.join(work, "ms"), "--summary"]),
}
subprocess.run(commands["rsync-noop"][1], check=True)  # the rsync copy the no-op compares against
times = {name: [] for name in commands}
for run in range(runs + 1):                            # the first round warms caches and is not counted
    for name, (prepare, argv) in commands.items():
        prepare(); subprocess.run(["sync"], check=True)
        start = time.perf_counter(); subprocess.run(argv, check=True, stdout=subprocess.DEVNULL); elapsed = time.perf_counter() - start
        if run > 0: times[name].append(elapsed)
json.dump(times, open(out, "w"))
PY

# the no-op must really be a no-op, and the copy must be complete
"$ms" publish "$work/tree" --destination "$work/ms" --summary | grep -q ", wrote 0, skipped $files " || { echo "no-op wrote files" >&2; exit 1; }
diff -r "$work/tree" "$work/ms" >/dev/null || { echo "copy differs from the source" >&2; exit 1; }

python3 - "$work/times.json" "$here/results/local-publish.md" "$files" "$bytes" "$runs" <<'PY'
import json, sys, statistics, os
data = json.load(open(sys.argv[1]))
med = {k: statistics.median(v) for k, v in data.items()}
rng = {k: (min(v), max(v)) for k, v in data.items()}
files, size, runs = int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
def row(name): return f"| {name} | {med[name]:.3f} | {rng[name][0]:.3f}-{rng[name][1]:.3f} |"
initial = med["mediasync-initial"] / med["cp-initial"]
noop = med["mediasync-noop"] / med["rsync-noop"]
out = [
    f"Tree: {files} files, {size / 2**20:.1f} MiB (gen-tree.py --preset full). {runs} interleaved rounds after 1 warm-up round, sync before each command, median wall seconds; {os.cpu_count()} cores.",
    "", "| command | median s | min-max s |", "|---|---:|---:|",
    row("cp-initial"), row("mediasync-initial"), row("rsync-noop"), row("mediasync-noop"), "",
    "| ratio | measured | target |", "|---|---:|---:|",
    f"| initial copy: MediaSync / cp -r | {initial:.2f}x | <= 1.5x |",
    f"| no-op re-run: MediaSync / rsync -a | {noop:.2f}x | <= 3x |",
]
open(sys.argv[2], "w").write("\n".join(out) + "\n")
print("\n".join(out))
PY
