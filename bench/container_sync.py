"""The timing loop both container benchmarks share (bench/azure-sync.sh, bench/swift-sync.sh).

For each tool (rclone with 16 transfers, the same with --checksum, and MediaSync's CLI): its own copy of the tree,
RUNS initial uploads into fresh containers, RUNS no-op re-syncs, and RUNS re-syncs after gen-tree.py --mutate (1%).
After every run the container is checked against the tree (count and bytes) by the backend's own listing.
"""
import os, shutil, statistics, subprocess, sys, time


def tree_size(tree):
    sizes = [os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(tree) for f in fs]
    return len(sizes), sum(sizes)


def run(work, preset, runs, gen, report, backend, server):
    """backend: remote(c) for rclone, make_container(c), container_size(c) -> (count, bytes), mediasync(c) -> CLI args."""
    tools = {
        "rclone": lambda tree, c: ["rclone", "sync", tree, backend.remote(c), "--transfers", "16", "-q"],
        "rclone-c": lambda tree, c: ["rclone", "sync", tree, backend.remote(c), "--transfers", "16", "--checksum", "-q"],
        "mediasync": lambda tree, c: [os.path.join(work, "cli", "mediasync"), "publish", tree] + backend.mediasync(c) + ["--delete", "--summary"],
    }
    rows, ok, stamp = [], True, int(time.time())
    for tool, command in tools.items():
        tree = os.path.join(work, f"tree-{tool}")
        shutil.rmtree(tree, ignore_errors=True)
        shutil.copytree(os.path.join(work, f"tree-{preset}"), tree)

        def measure(scenario, container):
            nonlocal ok
            start = time.perf_counter()
            done = subprocess.run(command(tree, container), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            wall = time.perf_counter() - start
            matched = done.returncode == 0 and backend.container_size(container) == tree_size(tree)
            if not matched:
                print(f"{tool} {scenario}: exit {done.returncode}, container differs: {done.stderr[-500:]}", file=sys.stderr)
            ok = ok and matched
            rows.append((tool, scenario, wall))
            print(f"{tool}\t{scenario}\t{wall:.2f}", flush=True)

        last = None
        for r in range(1, runs + 1):
            last = f"bench-{tool}-{stamp}-{r}"
            backend.make_container(last)
            measure("initial", last)
        for _ in range(runs):
            measure("noop", last)
        for r in range(1, runs + 1):
            subprocess.run(["python3", gen, tree, "--mutate", str(r), "--percent", "1"], stdout=subprocess.DEVNULL, check=True)
            measure("change1", last)

    med = lambda t, s: statistics.median(w for tool, sc, w in rows if tool == t and sc == s)
    n, b = tree_size(os.path.join(work, f"tree-{preset}"))
    lines = [f"Preset {preset} ({n} files, {b / 2**20:.1f} MiB), {runs} runs per scenario, median wall seconds, {server} on the same machine; "
             f"every container checked to match its tree: {'yes' if ok else 'NO'}.", "",
             "| tool | initial | no-op | 1% changed |", "|---|---:|---:|---:|"]
    lines += [f"| {t} | {med(t, 'initial'):.2f} | {med(t, 'noop'):.2f} | {med(t, 'change1'):.2f} |" for t in tools]
    fast = lambda s: min(("rclone", "rclone-c"), key=lambda t: med(t, s))
    lines += ["", "| ratio | measured | target |", "|---|---:|---:|",
              f"| initial: MediaSync / rclone | {med('mediasync', 'initial') / med('rclone', 'initial'):.2f}x | <= 0.8x |",
              f"| no-op: MediaSync / faster rclone ({fast('noop')}) | {med('mediasync', 'noop') / med(fast('noop'), 'noop'):.2f}x | <= 0.5x |",
              f"| 1% changed: MediaSync / faster rclone ({fast('change1')}) | {med('mediasync', 'change1') / med(fast('change1'), 'change1'):.2f}x | <= 0.5x |"]
    open(report, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))
