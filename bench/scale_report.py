#!/usr/bin/env python3
"""Writes issue 27's Goals table from bench/scale.sh's TSV:  scale_report.py SCALE.TSV SCALE.MD"""
import csv, os, statistics, sys
from collections import defaultdict

rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
runs = defaultdict(list)  # (size, tool, scenario) -> rows
for r in rows:
    runs[(int(r["size"]), r["tool"], r["scenario"])].append(r)
PEERS = {"s3-noop": ["aws", "rclone-c", "s3cmd"], "s3-change1": ["aws", "rclone-c", "s3cmd"],
         "s3-initial": ["rclone-c"], "local-noop": ["rsync"], "local-initial": ["cp-r"]}
OURS = {"ms-cli": "CLI", "ms-pwsh": "cmdlet"}
GOALS = {  # column -> measure -> goal (None: no goal)
    5000: {"rss": 100, "s3-noop": 0.3, "s3-change1": 0.35, "s3-initial": 0.5, "local-noop": 1.5, "local-initial": 1.2, "2n": 2.1},
    100000: {"rss": 150, "s3-noop": 0.3, "s3-change1": 0.35, "s3-initial": 0.5, "local-noop": 1.5, "local-initial": 1.2},
    1000000: {"rss": 300, "s3-noop": 0.3, "local-noop": 1.5},
}
columns = sorted({int(r["size"]) for r in rows if r["tool"] in ("aws", "rsync")})


def goal(n, measure):
    keys = [k for k in GOALS if k <= n] or [min(GOALS)]
    return GOALS[max(keys)].get(measure)


def secs(r):  # the cmdlet's time is its own, measured in-process (pwsh start-up and module import left out)
    return float(r["inner_s"] if r["inner_s"] not in ("-", "") else r["wall_s"])


def mean(n, tool, sc):
    rs = runs.get((n, tool, sc))
    return (statistics.mean(secs(r) for r in rs), max(int(r["maxrss_kb"]) for r in rs) / 1024,
            all(r["ok"] == "1" for r in rs)) if rs else None


def label(n):
    return f"{n // 1000000}M" if n >= 1000000 else f"{n // 1000}k" if n >= 1000 else str(n)


def verdict(value, g):
    return "" if g is None else (" ✓" if value <= g else " ✗")


def ratio_cell(n, tool, sc):
    ours = mean(n, tool, sc)
    peers = [(p, mean(n, p, sc)) for p in PEERS[sc] if mean(n, p, sc)]
    if not ours or not peers:
        return "–"
    peer, (ps, _, pok) = min(peers, key=lambda x: x[1][0])
    s, rss, ok = ours
    ratio = s / ps
    bad = "" if ok and pok else " (a result check FAILED)"
    return f"{ratio:.2f}× ({s:.2f} s / {ps:.2f} s {peer}, {rss:.0f} MiB){verdict(ratio, goal(n, sc))}{bad}"


def rss_cell(n, tool):
    vals = [mean(n, tool, sc) for sc in ("s3-noop", "local-noop")]
    if not all(vals):
        return "–"
    worst = max(v[1] for v in vals)
    return f"S3 {vals[0][1]:.0f} / local {vals[1][1]:.0f} MiB{verdict(worst, goal(n, 'rss'))}"


def double_cell(n):
    out = []
    for sc, name in (("s3-noop", "S3"), ("local-noop", "local")):
        a, b = mean(n, "ms-cli", sc), mean(2 * n, "ms-cli", sc)
        if a and b:
            out.append(f"{name} {b[0] / a[0]:.2f}× ({b[0]:.2f} s / {a[0]:.2f} s){verdict(b[0] / a[0], goal(n, '2n'))}")
    return "; ".join(out) or "–"


def goal_text(measure):
    gs = [goal(n, measure) for n in columns]
    unit = " MiB" if measure == "rss" else "×"
    return " / ".join("–" if g is None else f"≤ {g}{unit}" for g in gs)


head = "| measure | goal (" + " / ".join(label(n) for n in columns) + ") | " + " | ".join(label(n) for n in columns) + " |"
lines = ["Each cell: ratio (ours s / fastest peer s, our peak RSS MiB), ✓ goal met, ✗ not met. Ours is the mean of the "
         "runs (2 for a no-op); the cmdlet's seconds are Publish-Media's own, in-process in pwsh (Measure-Command), "
         "its RSS the whole pwsh process's.", "", head, "|---|---|" + "---:|" * len(columns)]
for tool, name in OURS.items():
    lines.append(f"| peak RSS, no-op, S3 and local ({name}) | {goal_text('rss')} | " + " | ".join(rss_cell(n, tool) for n in columns) + " |")
for sc, what in (("s3-noop", "S3 no-op / fastest peer"), ("s3-change1", "S3 1% changed / fastest peer"),
                 ("s3-initial", "S3 initial / rclone --checksum"), ("local-noop", "local no-op / rsync -a"),
                 ("local-initial", "local initial / cp -r")):
    for tool, name in OURS.items():
        lines.append(f"| {what} ({name}) | {goal_text(sc)} | " + " | ".join(ratio_cell(n, tool, sc) for n in columns) + " |")
lines.append(f"| no-op time at 2N files / at N (CLI) | {goal_text('2n')} | " + " | ".join(double_cell(n) for n in columns) + " |")

lines += ["", "Every timed command: wall seconds per run (the cmdlet's in-process seconds in brackets), peak RSS MiB.", "",
          "| files | tool | scenario | seconds | peak RSS MiB | result checked |", "|---:|---|---|---|---:|---|"]
for (n, tool, sc), rs in sorted(runs.items()):
    times = " / ".join(r["wall_s"] + (f" [{float(r['inner_s']):.2f}]" if r["inner_s"] not in ("-", "") else "") for r in rs)
    rss = " / ".join(f"{int(r['maxrss_kb']) / 1024:.0f}" for r in rs)
    lines.append(f"| {n} | {tool} | {sc} | {times} | {rss} | {'yes' if all(r['ok'] == '1' for r in rs) else 'FAILED'} |")
lines += ["", f"{os.cpu_count()} cores; Ceph RGW (memstore) on the same machine."]
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
