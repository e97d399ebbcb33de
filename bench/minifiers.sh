#!/usr/bin/env bash
# Minifier comparison: esbuild (the default) against NUglify (-Minifier NUglify) on the shared kit's 10 real inputs,
# its tricky CSS and JS cases, and MediaSync's own modern JavaScript cases (tests/Unit/Processing/modern-js), in one run.
#   bench/minifiers.sh [ROUNDS]     (default 5; writes bench/results/minifiers.md)
# Each file is minified alone, in process, ROUNDS times (median ms; esbuild's include starting its process). Recorded:
# output and gzip -9 bytes, time, and whether meaning is kept: JS prints the same in node (tricky and modern cases),
# or parses with acorn and gives the same results to a few library calls (lodash, d3; the kit's check_js.js); CSS has
# the same (selector, property) pairs in css-tree. A file a minifier rejects keeps its bytes (meaning kept, nothing saved).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/.." && pwd)"
rounds="${1:-5}"
kit="${SHARED_BENCH:-$repo/../shared/bench}/minify"
work="${BENCH_WORK:-/tmp/mediasync-bench-minifiers}"
tools="$repo/out/cache/node-tools"
rm -rf "$work"; mkdir -p "$work" "$here/results" "$tools"
dotnet build "$repo/src/MediaSync.PowerShell" -c Release --nologo -v q >/dev/null          # fetches the pinned esbuild
dotnet build "$here/MinifyStep" -c Release -o "$work/step" --nologo -v q >/dev/null
dotnet build-server shutdown >/dev/null 2>&1 || true
[ -f "$tools/acorn-8.19.0/node_modules/acorn/package.json" ] ||
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$tools/acorn-8.19.0" acorn@8.19.0 >/dev/null
[ -f "$tools/css-tree-3.1.0/node_modules/css-tree/package.json" ] ||
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$tools/css-tree-3.1.0" css-tree@3.1.0 >/dev/null

mapfile -t files < <(ls "$kit"/inputs/js/*.js "$kit"/inputs/css/*.css "$kit"/tricky/js/*.js "$kit"/tricky/css/*.css "$repo"/tests/Unit/Processing/modern-js/*.js)
"$work/step/MinifyStep" compare "$work/out" "$repo/out/MediaSync/runtimes/linux-x64/esbuild" "$rounds" "${files[@]}" >"$work/times.tsv"

python3 - "$work" "$kit" "$tools" "$repo" "$here/results/minifiers.md" "$rounds" "${files[@]}" <<'PY'
import collections, gzip, json, os, re, subprocess, sys
work, kit, tools, repo, out, rounds, files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7:]
rows = {}
for line in open(os.path.join(work, "times.tsv")):
    name, minifier, ms, size, status = line.rstrip("\n").split("\t")
    rows[(name, minifier.lower())] = dict(ms=float(ms), size=int(size), status=status)
gz = lambda path: len(gzip.compress(open(path, "rb").read(), 9))
def node(args, env=None):
    return subprocess.run(["node", *args], capture_output=True, text=True, env={**os.environ, **(env or {})}, check=True).stdout
def runjs(path): return node([os.path.join(kit, "tools", "runjs.js"), path])
def check_js(items):
    listing = os.path.join(work, "list.json"); json.dump(items, open(listing, "w"))
    return {r["file"]: r for r in json.loads(node([os.path.join(kit, "tools", "check_js.js"), listing], {"NM_ROOT": os.path.join(tools, "acorn-8.19.0")}))}
def css_props(*paths):
    parsed = json.loads(node([os.path.join(repo, "tests", "Unit", "Processing", "tools", "css-declarations.js"), *paths], {"CSSTREE_ROOT": os.path.join(tools, "css-tree-3.1.0")}))
    # every (selector, property) pair, counted: a minifier may rewrite values (red to #f00), write ::before as :before
    # and merge rules that share their declarations (a,b{...}), but must keep what applies to what
    def selectors(prelude):
        parts, depth, start = [], 0, 0
        for i, ch in enumerate(prelude):
            depth += ch in "([" ; depth -= ch in ")]"
            if ch == "," and depth == 0: parts.append(prelude[start:i]); start = i + 1
        parts.append(prelude[start:])
        def normal(selector):
            selector = re.sub(r"::(before|after|first-line|first-letter)", r":\1", " ".join(selector.split()))
            selector = re.sub(r"""=\s*(["'])([A-Za-z_][\w-]*)\1\s*\]""", r"=\2]", selector)   # [type="button"] is [type=button]
            selector = selector.replace("(even)", "(2n)").replace("(odd)", "(2n+1)")
            return {"from": "0%", "to": "100%"}.get(selector, selector)                                # keyframe selectors
        return [normal(p) for p in parts]
    return [collections.Counter((r["type"], sel, d.split(":")[0]) for r in parsed[p]["rules"] for sel in selectors(r["prelude"]) for d in r["decls"]) for p in paths]
smoke = {"lodash.js": "lodash", "d3.js": "d3"}
lines = ["| file | original bytes / gzip | esbuild bytes / gzip / ms | meaning | NUglify bytes / gzip / ms | meaning |", "|---|---:|---:|---|---:|---|"]
broken = []
for path in files:
    name = os.path.basename(path)
    cells = [name, f"{os.path.getsize(path):,} / {gz(path):,}"]
    for minifier in ("esbuild", "nuglify"):
        row, minified = rows[(name, minifier)], os.path.join(work, "out", minifier, name)
        if row["status"] == "rejected": kept = "rejected: kept as it was"
        elif name.endswith(".css"):
            a, b = css_props(path, minified)
            gone, added = a - b, b - a
            kept = "same selectors and properties" if not gone and not added else \
                f"**{sum(gone.values())} pairs gone, {sum(added.values())} new**: " + ", ".join(f"{s} {{{p}}}" for (_, s, p) in list(gone)[:3])
        elif "/inputs/" in path:
            module = name.endswith(".esm.js")
            checks = check_js([{"file": path, "module": module, "smoke": smoke.get(name)}, {"file": minified, "module": module, "smoke": smoke.get(name)}])
            before, after = checks[path], checks[minified]
            kept = ("parses" if after["parse"] == "ok" else "**" + after["parse"][:60] + "**") + \
                   ((", same results" if after.get("smoke") == before.get("smoke") else ", **results differ**") if smoke.get(name) else "")
        else: kept = "same output" if runjs(path) == runjs(minified) else "**output differs**"
        if "**" in kept or "rejected" in kept: broken.append(f"{minifier}: {name} ({kept.strip('*')})")
        cells += [f"{row['size']:,} / {gz(minified):,} / {row['ms']:.1f}", kept]
    lines.append("| " + " | ".join(cells) + " |")
total = {m: sum(rows[(os.path.basename(p), m)]["ms"] for p in files if "/inputs/" in p) for m in ("esbuild", "nuglify")}
text = "\n".join([f"Each file minified alone, in process, median of {rounds} rounds (esbuild's time includes starting its process).", "", *lines, "",
                  f"The 10 real inputs in all: esbuild {total['esbuild']:.0f} ms, NUglify {total['nuglify']:.0f} ms ({total['nuglify'] / total['esbuild']:.1f}x).", "",
                  "Not kept or not minified:", *("- " + b for b in broken or ["none"])]) + "\n"
open(out, "w").write(text); print(text)
PY
