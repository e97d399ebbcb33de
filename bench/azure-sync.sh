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

def container_size(c):
    out = subprocess.run(["rclone", "size", remote(c), "--json"], capture_output=True, text=True, check=True).stdout
    d = json.loads(out); return d["count"], d["bytes"]


class Backend:
    remote, make_container, container_size = staticmethod(remote), staticmethod(make_container), staticmethod(container_size)
    mediasync = staticmethod(lambda c: ["--azure", c])

sys.path.insert(0, os.path.dirname(os.path.dirname(report)))   # bench/, where container_sync.py is
from container_sync import run
run(work, preset, runs, gen, report, Backend, "Azurite")
PY
