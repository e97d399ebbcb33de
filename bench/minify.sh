#!/usr/bin/env bash
# Minify benchmark: the 10 real-world inputs of ../shared/bench/minify/inputs through MediaSync (the CLI over the
# engine Invoke-MediaProcessor uses) against the esbuild CLI on the same files with the same flags, in one run.
#   bench/minify.sh [RUNS]          (default 10; writes bench/results/minify.md)
# The esbuild side is its best case: one invocation for all files. Outputs must be byte-identical.
# bench/MinifyStep also times the step in a process of its own: its first batch (cold, as a script's first call)
# and later ones (warm, as in a session that has minified before), which shows what is JIT and what is not.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/.." && pwd)"
runs="${1:-10}"
work="${BENCH_WORK:-/tmp/mediasync-bench-minify}"
inputs="${MINIFY_INPUTS:-$repo/../shared/bench/minify/inputs}"
rm -rf "$work"; mkdir -p "$work/src" "$here/results"
cp -r "$inputs/js" "$inputs/css" "$work/src/"
dotnet build "$repo/src/MediaSync.PowerShell" -c Release --nologo -v q >/dev/null          # fetches the pinned esbuild
dotnet publish "$repo/src/MediaSync.Cli" -c Release -o "$work/cli" --nologo -v q >/dev/null
dotnet build "$here/MinifyStep" -c Release -o "$work/step" --nologo -v q >/dev/null          # batches timed cold and warm
dotnet build-server shutdown >/dev/null 2>&1 || true   # build servers left running slowed every timed run here
esbuild="$repo/out/MediaSync/runtimes/linux-x64/esbuild"
flags=(--minify "--define:process.env.NODE_ENV=process.env.NODE_ENV" --target=es2020 --legal-comments=eof)

python3 - "$work" "$esbuild" "$runs" "$here/results/minify.md" "${flags[@]}" <<'PY'
import glob, os, re, shutil, statistics, subprocess, sys, time
work, esbuild, runs, out, flags = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5:]
src = os.path.join(work, "src")
files = sorted(glob.glob(os.path.join(src, "*", "*")))
size = sum(os.path.getsize(f) for f in files)
def esbuild_cli():
    shutil.rmtree(os.path.join(work, "esb"), ignore_errors=True)
    subprocess.run([esbuild, *files, *flags, "--outdir=" + os.path.join(work, "esb"), "--outbase=" + src, "--log-level=error"], check=True)
engine = []
def mediasync():
    shutil.rmtree(os.path.join(work, "ms"), ignore_errors=True)
    r = subprocess.run([os.path.join(work, "cli", "mediasync"), "publish", src, "--destination", os.path.join(work, "ms"),
                        "--process", "Minify", "--esbuild", esbuild, "--summary", "--verbose"], check=True, capture_output=True, text=True)
    engine.append(float(re.search(r"processed \d+ files in ([0-9.]+) s", r.stderr).group(1)))
cold, warm = [], []
def batches():
    r = subprocess.run([os.path.join(work, "step", "MinifyStep"), src, esbuild, "3"], check=True, capture_output=True, text=True)
    first, *later = (float(s) for s in r.stdout.split())
    cold.append(first); warm.append(statistics.median(later))
times = {"esbuild-cli": [], "mediasync": [], "batches": []}
for run in range(runs + 1):                 # round 0 warms caches and is not counted
    for name, fn in (("esbuild-cli", esbuild_cli), ("mediasync", mediasync), ("batches", batches)):
        start = time.perf_counter(); fn(); elapsed = time.perf_counter() - start
        if run > 0: times[name].append(elapsed)
engine, cold, warm = engine[1:], cold[1:], warm[1:]
# Rounds interleave, so each round's step / CLI pair shares the machine's state at that moment; the median of
# those pairs is less moved by drift over the run than the ratio of the two medians.
cli = times["esbuild-cli"]
paired = statistics.median(e / c for e, c in zip(engine, cli))
paired_cold = statistics.median(e / c for e, c in zip(cold, cli))
paired_warm = statistics.median(e / c for e, c in zip(warm, cli))
same = subprocess.run(["diff", "-r", os.path.join(work, "esb"), os.path.join(work, "ms")], capture_output=True).returncode == 0
med = {k: statistics.median(v) for k, v in times.items()}
eng = statistics.median(engine)
lines = [
    f"Inputs: {len(files)} files, {size / 2**20:.1f} MiB (jquery, bootstrap, lodash, d3, react-dom, normalize, font-awesome). "
    f"{runs} interleaved rounds after 1 warm-up, median wall seconds; outputs byte-identical: {'yes' if same else 'NO'}.",
    "", "| command | median s | min-max s |", "|---|---:|---:|",
    f"| esbuild CLI, one invocation for all files | {med['esbuild-cli']:.3f} | {min(times['esbuild-cli']):.3f}-{max(times['esbuild-cli']):.3f} |",
    f"| mediasync publish --process Minify (whole process) | {med['mediasync']:.3f} | {min(times['mediasync']):.3f}-{max(times['mediasync']):.3f} |",
    f"| of which minifying (MediaSync's esbuild batch, in process) | {eng:.3f} | {min(engine):.3f}-{max(engine):.3f} |",
    f"| bench/MinifyStep: first batch in a fresh process (cold) | {statistics.median(cold):.3f} | {min(cold):.3f}-{max(cold):.3f} |",
    f"| bench/MinifyStep: a later batch in the same process (warm) | {statistics.median(warm):.3f} | {min(warm):.3f}-{max(warm):.3f} |",
    "", "| ratio | measured | target |", "|---|---:|---:|",
    f"| minify step / esbuild CLI (what Invoke-MediaProcessor costs in a loaded module) | {eng / med['esbuild-cli']:.2f}x | <= 1.1x |",
    f"| the same, median of each round's pair | {paired:.2f}x | |",
    f"| first batch in a fresh process / esbuild CLI, median of each round's pair | {paired_cold:.2f}x | |",
    f"| later batch in the same process / esbuild CLI, median of each round's pair | {paired_warm:.2f}x | |",
    f"| whole CLI process / esbuild CLI (adds .NET start, discovery, writing outputs) | {med['mediasync'] / med['esbuild-cli']:.2f}x | |",
]
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
if not same: sys.exit("outputs differ from the esbuild CLI")
PY
