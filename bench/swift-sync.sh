#!/usr/bin/env bash
# Swift sync benchmark: MediaSync against rclone's swift backend (16 transfers, also --checksum), on the Swift API of
# the project's Ceph RGW (scripts/ceph-rgw.sh, v1 auth) and the same 5,008-file tree from ../shared/bench/gen-tree.py,
# in ONE run.
#   bench/swift-sync.sh [RUNS]   (default 3; PRESET=full|small; writes bench/results/swift-sync.md)
# Scenarios, each RUNS times: initial upload into a fresh container, no-op re-sync, re-sync after changing 1% of the
# files. Every container is checked against its tree (count and bytes) after every run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/.." && pwd)"
runs="${1:-3}"; preset="${PRESET:-full}"
shared="${SHARED_BENCH:-$repo/../shared/bench}"
work="${BENCH_WORK:-/tmp/mediasync-bench-swift}"
command -v rclone >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rclone; }
mkdir -p "$work" "$here/results"
line=$(bash "$repo/scripts/ceph-rgw.sh" start | grep '^swift=')
export ST_AUTH=$(sed -E 's/swift=([^ ]+).*/\1/' <<<"$line") ST_USER=$(sed -E 's/.*user=([^ ]+).*/\1/' <<<"$line") ST_KEY=$(sed -E 's/.*key=([^ ]+).*/\1/' <<<"$line")
[ -d "$work/tree-$preset" ] || python3 "$shared/gen-tree.py" "$work/tree-$preset" --preset "$preset" >/dev/null
dotnet publish "$repo/src/MediaSync.Cli" -c Release -o "$work/cli" --nologo -v q >/dev/null
dotnet build-server shutdown >/dev/null 2>&1 || true   # build servers left running slowed every timed run here

python3 - "$work" "$preset" "$runs" "$shared/gen-tree.py" "$here/results/swift-sync.md" <<'PY'
import json, os, shutil, statistics, subprocess, sys, time
work, preset, runs, gen, report = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]

def remote(container): return f":swift,auth='{os.environ['ST_AUTH']}',auth_version=1,user='{os.environ['ST_USER']}',key='{os.environ['ST_KEY']}':{container}"

def make_container(container): subprocess.run(["rclone", "mkdir", remote(container)], check=True)

def container_size(c):
    # through the Swift API itself: Ceph RGW lists a static large object as its manifest (the empty MD5 and the
    # manifest's size), which rclone's size would count, so those are looked up with a HEAD
    import urllib.request, urllib.parse
    with urllib.request.urlopen(urllib.request.Request(os.environ["ST_AUTH"], headers={"X-Auth-User": os.environ["ST_USER"], "X-Auth-Key": os.environ["ST_KEY"]})) as r:
        storage, token = r.headers["X-Storage-Url"], r.headers["X-Auth-Token"]
    count, total, marker = 0, 0, ""
    while True:
        url = f"{storage}/{urllib.parse.quote(c)}?format=json&limit=10000" + (f"&marker={urllib.parse.quote(marker)}" if marker else "")
        with urllib.request.urlopen(urllib.request.Request(url, headers={"X-Auth-Token": token})) as r: page = json.load(r)
        if not page: return count, total   # page after page until an empty one: Ceph RGW caps a page at 1,000
        for item in page:
            marker = item["name"]
            if item["name"].startswith(".mediasync/"): continue
            size = item["bytes"]
            if item["hash"] == "d41d8cd98f00b204e9800998ecf8427e" and size > 0:
                head = urllib.request.Request(f"{storage}/{urllib.parse.quote(c)}/{urllib.parse.quote(item['name'])}", method="HEAD", headers={"X-Auth-Token": token})
                with urllib.request.urlopen(head) as r: size = int(r.headers["Content-Length"])
            count, total = count + 1, total + size


class Backend:
    remote, make_container, container_size = staticmethod(remote), staticmethod(make_container), staticmethod(container_size)
    mediasync = staticmethod(lambda c: ["--swift", c])

sys.path.insert(0, os.path.dirname(os.path.dirname(report)))   # bench/, where container_sync.py is
from container_sync import run
run(work, preset, runs, gen, report, Backend, "Ceph RGW's Swift API")
PY
