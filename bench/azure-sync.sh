#!/usr/bin/env bash
# Azure Blob sync benchmark: MediaSync against rclone's azureblob backend (16 transfers, also --checksum), on the same
# Azurite (scripts/azurite.sh) and the same 5,008-file tree from ../shared/bench/gen-tree.py, in ONE run.
#   bench/azure-sync.sh [RUNS]   (default 3; PRESET=full|small; writes bench/results/azure-sync.md)
# Scenarios, each RUNS times: initial upload into a fresh container, no-op re-sync, re-sync after changing 1% of the
# files. rclone 1.60's emulator mode builds no usable URL, so it is given a container SAS URL signed with the
# emulator's well-known key. Every container is checked against its tree (count and bytes) after every run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/.." && pwd)"
runs="${1:-3}"; preset="${PRESET:-full}"
shared="${SHARED_BENCH:-$repo/../shared/bench}"
work="${BENCH_WORK:-/tmp/mediasync-bench-azure}"
command -v rclone >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rclone; }
mkdir -p "$work" "$here/results"
line=$(bash "$repo/scripts/azurite.sh" start | tail -1)
key=$(sed -E 's/.*key=([^ ]+).*/\1/' <<<"$line"); endpoint=$(sed -E 's/endpoint=([^ ]+).*/\1/' <<<"$line")
export AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=$endpoint;"
[ -d "$work/tree-$preset" ] || python3 "$shared/gen-tree.py" "$work/tree-$preset" --preset "$preset" >/dev/null
dotnet publish "$repo/src/MediaSync.Cli" -c Release -o "$work/cli" --nologo -v q >/dev/null
dotnet build-server shutdown >/dev/null 2>&1 || true   # build servers left running slowed every timed run here

python3 - "$work" "$preset" "$runs" "$endpoint" "$key" "$shared/gen-tree.py" "$here/results/azure-sync.md" <<'PY'
import base64, hashlib, hmac, json, os, shutil, statistics, subprocess, sys, time, urllib.parse, urllib.request
work, preset, runs, endpoint, key, gen, report = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7]
account = endpoint.rstrip("/").split("/")[-1]

def sas(container):  # an account SAS (sv 2019-02-02) on the container's URL, signed with the emulator's key
    sp, ss, srt, se, sv = "racwdlup", "b", "sco", "2030-01-01T00:00:00Z", "2019-02-02"
    sig = base64.b64encode(hmac.new(base64.b64decode(key), "\n".join([account, sp, ss, srt, "", se, "", "", sv, ""]).encode(), hashlib.sha256).digest()).decode()
    return f"{endpoint}/{container}?" + urllib.parse.urlencode({"sv": sv, "ss": ss, "srt": srt, "sp": sp, "se": se, "sig": sig})

def remote(container): return f":azureblob,sas_url='{sas(container)}':{container}"

def make_container(container):
    urllib.request.urlopen(urllib.request.Request(sas(container) + "&restype=container", method="PUT", headers={"x-ms-version": "2019-02-02"}))

tools = {
    "rclone": lambda tree, c: ["rclone", "sync", tree, remote(c), "--transfers", "16", "-q"],
    "rclone-c": lambda tree, c: ["rclone", "sync", tree, remote(c), "--transfers", "16", "--checksum", "-q"],
    "mediasync": lambda tree, c: [os.path.join(work, "cli", "mediasync"), "publish", tree, "--azure", c, "--delete", "--summary"],
}
def tree_size(tree):
    sizes = [os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(tree) for f in fs]
    return len(sizes), sum(sizes)
def container_size(c):
    out = subprocess.run(["rclone", "size", remote(c), "--json"], capture_output=True, text=True, check=True).stdout
    d = json.loads(out); return d["count"], d["bytes"]

rows, ok, stamp = [], True, int(time.time())
for tool, command in tools.items():
    tree = os.path.join(work, f"tree-{tool}"); shutil.rmtree(tree, ignore_errors=True); shutil.copytree(os.path.join(work, f"tree-{preset}"), tree)
    last = None
    def measure(scenario, container):
        global ok
        start = time.perf_counter(); done = subprocess.run(command(tree, container), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - start
        matched = done.returncode == 0 and container_size(container) == tree_size(tree)
        if not matched: print(f"{tool} {scenario}: exit {done.returncode}, container differs: {done.stderr[-500:]}", file=sys.stderr)
        ok = ok and matched
        rows.append((tool, scenario, wall)); print(f"{tool}\t{scenario}\t{wall:.2f}", flush=True)
    for r in range(1, runs + 1):
        last = f"bench-{tool}-{stamp}-{r}"; make_container(last); measure("initial", last)
    for r in range(runs): measure("noop", last)
    for r in range(1, runs + 1):
        subprocess.run(["python3", gen, tree, "--mutate", str(r), "--percent", "1"], stdout=subprocess.DEVNULL, check=True)
        measure("change1", last)

med = lambda t, s: statistics.median(w for tool, sc, w in rows if tool == t and sc == s)
n, b = tree_size(os.path.join(work, f"tree-{preset}"))
lines = [f"Preset {preset} ({n} files, {b / 2**20:.1f} MiB), {runs} runs per scenario, median wall seconds, Azurite on the same machine; "
         f"every container checked to match its tree: {'yes' if ok else 'NO'}.", "",
         "| tool | initial | no-op | 1% changed |", "|---|---:|---:|---:|"]
lines += [f"| {t} | {med(t, 'initial'):.2f} | {med(t, 'noop'):.2f} | {med(t, 'change1'):.2f} |" for t in tools]
fast = lambda s: min(("rclone", "rclone-c"), key=lambda t: med(t, s))
lines += ["", "| ratio | measured | target |", "|---|---:|---:|",
          f"| initial: MediaSync / rclone | {med('mediasync', 'initial') / med('rclone', 'initial'):.2f}x | <= 0.8x |",
          f"| no-op: MediaSync / faster rclone ({fast('noop')}) | {med('mediasync', 'noop') / med(fast('noop'), 'noop'):.2f}x | <= 0.5x |",
          f"| 1% changed: MediaSync / faster rclone ({fast('change1')}) | {med('mediasync', 'change1') / med(fast('change1'), 'change1'):.2f}x | <= 0.5x |"]
open(report, "w").write("\n".join(lines) + "\n"); print("\n".join(lines))
PY
