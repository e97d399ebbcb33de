#!/usr/bin/env python3
"""Where a no-op's time and memory go (issue 27), on the CLI's kept 100k bucket and folder from bench/scale.sh.
  SCALE_KEEP=1 bench/scale.sh 5000 100000;  bench/noop_breakdown.py [RUNS [s3|local]...]   (reads $SCALE_WORK/kept.env)
Each line printed: what was run, wall s, peak RSS MiB, and for --verbose runs the seconds since spawn at which each
VERBOSE line came out (stderr is unbuffered in .NET, so the stamps are when the step ended)."""
import os, re, subprocess, sys, tempfile, time

work = os.environ.get("SCALE_WORK", "/tmp/mediasync-bench-scale")
kept = dict(line.strip().split("=", 1) for line in open(os.path.join(work, "kept.env")) if "=" in line)
ms = os.path.join(work, "cli", "mediasync")
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 2
parts = sys.argv[2:] or ["s3", "variants", "local", "heap", "strace", "counters"]
os.environ.setdefault("RCLONE_CONFIG", os.path.join(work, "conf", "rclone-radosgw.conf"))
if "AWS_ACCESS_KEY_ID" not in os.environ:  # the gateway's test user, as scripts/ceph-rgw.sh prints it (it is reused)
    line = subprocess.run(["bash", os.path.join(os.path.dirname(__file__), "..", "scripts", "ceph-rgw.sh"), "start"],
                          capture_output=True, text=True, check=True).stdout.splitlines()[-1]
    os.environ["AWS_ACCESS_KEY_ID"] = re.search(r"access=(\S+)", line).group(1)
    os.environ["AWS_SECRET_ACCESS_KEY"] = re.search(r"secret=(\S+)", line).group(1)
os.environ.setdefault("AWS_REGION", "us-east-1")
s3 = ["--s3", kept["KEPT_BUCKET"], "--s3-endpoint", kept["KEPT_ENDPOINT"], "--path-style"]


def run(label, argv, env=None, stamps=False):
    """Runs argv under /usr/bin/time RUNS times; prints wall, peak RSS, CPU (user+sys) and the VERBOSE stamps."""
    for _ in range(runs):
        with tempfile.NamedTemporaryFile("r") as tf:
            start = time.perf_counter()
            p = subprocess.Popen(["/usr/bin/time", "-f", "%e %M %U %S", "-o", tf.name] + argv, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})
            seen = [(time.perf_counter() - start, line.rstrip()) for line in p.stderr]
            p.wait()
            wall, rss, user, system = open(tf.name).read().split()[-4:]
        steps = "; ".join(f"{t:.2f} s {re.sub(r'^VERBOSE: ', '', l)[:70]}" for t, l in seen if l.startswith("VERBOSE")) if stamps else ""
        print(f"{label}\t{wall} s\t{int(rss) / 1024:.0f} MiB\tcpu {float(user) + float(system):.2f} s\t{steps}", flush=True)


empty = tempfile.mkdtemp()
open(os.path.join(empty, "a.css"), "w").write("a{}")
if "s3" in parts: run("start-up: list of a 1-file folder", [ms, "list", empty])
if "s3" in parts: run("discovery: list of the tree", [ms, "list", kept["KEPT_TREE"]])
if "s3" in parts: run("listing alone: publish of a 1-file folder to the bucket, --what-if", [ms, "publish", empty, *s3, "--what-if", "--summary", "--verbose"], stamps=True)
if "s3" in parts: run("S3 no-op", [ms, "publish", kept["KEPT_TREE"], *s3, "--delete", "--summary", "--verbose"], stamps=True)
if "variants" in parts: run("S3 no-op, DOTNET_gcServer=1", [ms, "publish", kept["KEPT_TREE"], *s3, "--delete", "--summary", "--verbose"], {"DOTNET_gcServer": "1"}, stamps=True)
if "variants" in parts: run("S3 no-op, DOTNET_GCgen0size=64 MiB", [ms, "publish", kept["KEPT_TREE"], *s3, "--delete", "--summary", "--verbose"], {"DOTNET_GCgen0size": "0x4000000"}, stamps=True)
if "variants" in parts: run("S3 no-op, DOTNET_TieredCompilation=0", [ms, "publish", kept["KEPT_TREE"], *s3, "--delete", "--summary", "--verbose"], {"DOTNET_TieredCompilation": "0"}, stamps=True)
if "variants" in parts: run("S3 no-op, DOTNET_ReadyToRun=0 (all JIT)", [ms, "publish", kept["KEPT_TREE"], *s3, "--delete", "--summary", "--verbose"], {"DOTNET_ReadyToRun": "0"}, stamps=True)
if "local" in parts: run("local no-op", [ms, "publish", kept.get("KEPT_LOCAL_SOURCE", os.path.join(work, "trees", "tree-100000")), "--destination", kept.get("KEPT_LOCAL_DEST", os.path.join(work, "run", "local-100000", "ms-cli")), "--delete", "--summary", "--verbose"], stamps=True)
if "variants" in parts: run("local no-op, DOTNET_gcServer=1", [ms, "publish", kept.get("KEPT_LOCAL_SOURCE", os.path.join(work, "trees", "tree-100000")), "--destination", kept.get("KEPT_LOCAL_DEST", os.path.join(work, "run", "local-100000", "ms-cli")), "--delete", "--summary", "--verbose"], {"DOTNET_gcServer": "1"}, stamps=True)
if "s3" in parts: run("listing alone: rclone lsf --fast-list (Go client)", ["rclone", "lsf", "-R", "--fast-list", "--files-only", "bench:" + kept["KEPT_BUCKET"]])


def heap_at_plan(label, argv, out):
    """The managed heap by type once the listing is in (dotnet-gcdump, from $SCALE_WORK/tools), the listing still held."""
    gcdump = os.path.join(work, "tools", "dotnet-gcdump")
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in p.stderr:
        if line.startswith("VERBOSE: Listed"):
            r = subprocess.run([gcdump, "collect", "-p", str(p.pid), "-o", out], capture_output=True, text=True)
            print(r.stdout[-300:], r.stderr[-300:], flush=True)
    p.wait()
    report = subprocess.run([gcdump, "report", out], capture_output=True, text=True).stdout
    print(f"{label}: heap by type once listed ({out})\n" + "\n".join(report.splitlines()[:28]), flush=True)


def syscalls(label, argv, out):
    """strace -c -f: where the kernel time goes, and how many source files a no-op opens."""
    subprocess.run(["strace", "-c", "-f", "-o", out, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"{label}: strace -c -f ({out})\n" + "\n".join(open(out).read().splitlines()[:16]), flush=True)


def counters(label, argv, out):
    """GC counts, pause time and allocations over the whole run (dotnet-counters collect, csv)."""
    tool = os.path.join(work, "tools", "dotnet-counters")
    subprocess.run([tool, "collect", "--format", "csv", "-o", out, "--refresh-interval", "1", "--counters", "System.Runtime", "--", *argv],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    last = {}
    for line in open(out).read().splitlines()[1:]:
        cols = line.split(",")
        if len(cols) >= 5: last[cols[2]] = cols[-1]
    print(f"{label}: last dotnet-counters values ({out})\n" + "\n".join(f"  {k} = {v}" for k, v in sorted(last.items())), flush=True)


s3_noop = [ms, "publish", kept["KEPT_TREE"], *s3, "--delete", "--summary", "--verbose"]
if "heap" in parts: heap_at_plan("S3 no-op", s3_noop, os.path.join(work, "s3-noop.gcdump"))
if "strace" in parts: syscalls("S3 no-op", s3_noop, os.path.join(work, "s3-noop.strace"))
if "counters" in parts: counters("S3 no-op", s3_noop, os.path.join(work, "s3-noop-counters.csv"))
