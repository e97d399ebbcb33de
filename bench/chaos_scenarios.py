"""The scenarios of bench/chaos.py, in the issue's order. Each injects one kind of trouble, then checks the store."""
import hashlib
import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

from chaos_lib import copy_tree, multipart_lister, stray_multipart_uploads, temp_leftovers, tree_md5s, wait_for_port
from fault_proxy import FaultProxy


def converges(chaos, store, target, root, scenario, *extra):
    """The next clean run leaves the store equal to the source, and the run after it is a no-op."""
    first = chaos.publish(store, target, root, "--delete", *extra)
    same, missing, differ, surplus = store.verify(target, root)
    again = chaos.publish(store, target, root, "--delete", *extra)
    noop = again.rc == 0 and again.count("written") == 0 and again.count("deleted") == 0
    holds = first.rc == 0 and not missing and not differ and not surplus and noop
    chaos.row(scenario, store.name, "a clean run, then another",
              f"exit {first.rc}, wrote {first.count('written')}, deleted {first.count('deleted')}; {same} identical, {len(missing)} missing, "
              f"{len(differ)} differ, {len(surplus)} extra; the run after: {'a no-op' if noop else again.summary or again.err[-200:]}",
              "the next run converges and the one after is a no-op", holds)
    return holds


def partial_targets(target, root, before):
    """Files in the folder equal to neither the source's bytes nor what the folder held before the run."""
    source = tree_md5s(root)
    return sum(1 for k, v in tree_md5s(target).items() if v != source.get(k) and v != before.get(k))


def strays(chaos, store, target):
    return stray_multipart_uploads(target, chaos.s3_endpoint, chaos.aws_env) if store.name == "s3" else 0


# ---- 1. faults on the wire ----
def wire_faults(chaos):
    rates = {"slowdown": 0.05, "error500": 0.05, "reset": 0.05, "stall": 0.02, "truncate": 0.02}
    injected = "per request: 5% 503 SlowDown, 5% 500, 5% reset mid-body, 2% stall past the 5 s timeout, 2% truncated; --max-retries 1"
    for store in chaos.remote_stores():
        target = store.new_target("faults")
        proxy = FaultProxy(store.port, rates, seed=chaos.random.randint(1, 10 ** 6), stall_cap=30, rewrite_port=store.name == "swift")
        try:
            faulted = chaos.publish(store, target, chaos.tree, "--request-timeout", "5", "--max-retries", "1", port=proxy.port)
        finally:
            proxy.close()
        counts = ", ".join(f"{k} {v}" for k, v in proxy.counts.items())
        same, missing, differ, surplus = store.verify(target, chaos.tree)
        chaos.row("1 faults on the wire", store.name, injected,
                  f"{counts}: exit {faulted.rc}, uploaded {faulted.count('written')}, failed {faulted.count('failed')}; "
                  f"{same} identical, {len(missing)} missing, {len(differ)} differ", "every object's bytes match the source's",
                  not differ and not surplus and not faulted.crashed)
        failed = faulted.count("failed")
        # an upload whose answer was lost is reported failed though its object landed: conservative, and still whole
        unreported = set(missing) - faulted.failed_keys
        truthful = (faulted.summary is not None and failed == len(faulted.failed_keys) and not unreported and (faulted.rc != 0) == (failed > 0)) \
            or (faulted.summary is None and faulted.rc != 0 and same == 0)
        chaos.row("1 faults on the wire", store.name, "the same run",
                  f"exit {faulted.rc}; failed {failed}, each named in an error; {len(missing)} objects missing, {len(unreported)} of them not reported; "
                  f"{failed - len(missing) + len(unreported)} reported failures had landed (the answer was lost)",
                  "the exit status and the summary count the failures truthfully", truthful)
        rerun = chaos.publish(store, target, chaos.tree)
        chaos.row("1 faults on the wire", store.name, "a re-run without faults", f"uploaded {rerun.count('written')} for {len(missing)} missing",
                  "the re-run uploads exactly the files that failed", rerun.rc == 0 and rerun.count("written") == len(missing))
        third = chaos.publish(store, target, chaos.tree)
        left = strays(chaos, store, target)
        chaos.row("1 faults on the wire", store.name, "a third run", f"wrote {third.count('written')}; {left} multipart uploads left",
                  "the third run is a no-op, no multipart upload is left", third.rc == 0 and third.count("written") == 0 and left == 0)


# ---- 2. the server dies mid-run ----
def server_dies(chaos):
    for store in chaos.remote_stores():
        root = copy_tree(chaos.tree, chaos.home / "work" / f"dies-{store.name}")
        target = store.new_target("dies")
        orphans = store.put_orphans(target, 3)
        args, process = chaos.start_publish(store, target, root, "--delete", "--request-timeout", "10")
        time.sleep(1.0 if chaos.quick else 3.0)
        ended_first = process.poll() is not None
        chaos.servers.kill(store.name)
        time.sleep(3)
        chaos.servers.restart(store.name)
        run = chaos.cli.finish(process, args)
        kept = orphans[0] in store.keys(target)
        failed = run.count("failed") if run.summary else None
        holds = not run.crashed and (kept or (run.rc == 0 and failed == 0)) and (failed == 0 or run.rc != 0)
        how = "SIGKILL to the gateway" if store.name != "azure" else "Azurite stopped (SIGTERM: -9 loses the emulator's own metadata)"
        chaos.row("2 the server dies", store.name, f"{how} during the initial upload (with --delete, 3 orphans), restarted 3 s later",
                  ("the run had ended before the kill; " if ended_first else "") + f"exit {run.rc}, failed {failed}, errors {sorted(set(run.error_ids))[:4]}; orphans {'kept' if kept else 'deleted'}",
                  "failures are reported and a failed run deletes nothing", holds)
        converges(chaos, store, target, root, "2 the server dies")
        left = strays(chaos, store, target)
        chaos.row("2 the server dies", store.name, "after the next run", f"{left} multipart uploads left", "no stray multipart uploads", left == 0)


# ---- 3. MediaSync dies mid-run ----
def killed(chaos):
    kills = 6 if chaos.quick else 20
    plans = [("folder", ["--mode", "Copy"]), ("folder", ["--mode", "Link"])] + ([("s3", [])] if "s3" in chaos.stores else [])
    for index, (name, mode) in enumerate(plans):
        store = chaos.stores[name]
        label = f"{name} {mode[1] if mode else ''}".strip()
        root = copy_tree(chaos.tree, chaos.home / "work" / f"kill-{index}")
        target = store.new_target(f"kill-{index}")
        probe = chaos.publish(store, store.new_target(f"probe-{index}"), root, *mode)
        count = kills // len(plans) + (1 if index < kills % len(plans) else 0)
        partial = leftovers = converged = 0
        stray = stray_after = 0
        for round_ in range(count):
            if round_ > 0:
                chaos.mutate(root, 100 + round_, 5)
            before = tree_md5s(target) if name == "folder" else {}
            args, process = chaos.start_publish(store, target, root, *mode)
            time.sleep(chaos.random.uniform(0.05, max(0.1, probe.seconds * 0.9)))
            chaos.cli.kill(process, args)
            if name == "folder":
                partial += partial_targets(target, root, before)
                leftovers += len(temp_leftovers(target))
            else:
                stray = max(stray, strays(chaos, store, target))
            run = chaos.publish(store, target, root, *mode)
            if name != "folder":
                stray_after = max(stray_after, strays(chaos, store, target))
            _, missing, differ, _ = store.verify(target, root)
            ok = run.rc == 0 and not missing and not differ and (name != "folder" or not temp_leftovers(target))
            converged += ok
        injected = f"kill -9 at {count} random points of a publish (aimed inside its {probe.seconds:.1f} s), each after a 5% change"
        if name == "folder":
            chaos.row("3 MediaSync killed", label, injected, f"{partial} partial targets; {leftovers} temp files left by the kills", "no target is partial", partial == 0)
            chaos.row("3 MediaSync killed", label, "the next run after each kill", f"{converged} of {count} converged, bytes equal and temp files removed",
                      "the next run converges and removes the kills' temp files", converged == count)
        else:
            chaos.row("3 MediaSync killed", label, injected,
                      f"{converged} of {count} next runs left every object equal to its file (downloaded); up to {stray} multipart uploads the kills orphaned, "
                      f"{stray_after} left after the next run",
                      "no state entry makes the next run skip an upload that had not finished; it converges and aborts what the kill orphaned",
                      converged == count and stray_after == 0)
    if "s3" in chaos.stores:
        killed_in_multipart(chaos)


def killed_in_multipart(chaos):
    """Random kills seldom land inside one of the few multipart uploads, so these wait until one is in progress."""
    store, rounds = chaos.stores["s3"], 2 if chaos.quick else 4
    landed = orphaned = left = converged = 0
    uploads_now = multipart_lister(chaos.s3_endpoint, chaos.aws_env)
    parts = ["--multipart-threshold", str(5 << 20), "--part-size", str(5 << 20)]  # every file over 5 MiB goes in parts
    root = copy_tree(chaos.tree, chaos.home / "work" / "kill-multipart")
    large = sum(1 for f in root.rglob("*") if f.is_file() and f.stat().st_size >= 5 << 20)
    for round_ in range(rounds):
        target = store.new_target(f"kill-mp-{round_}")  # a fresh bucket: every large file is uploaded
        args, process = chaos.start_publish(store, target, root, *parts)
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline and not uploads_now(target):
            time.sleep(0.02)
        inside = process.poll() is None and time.monotonic() < deadline
        chaos.cli.kill(process, args)
        landed += inside
        orphaned += strays(chaos, store, target)
        run = chaos.publish(store, target, root, *parts)
        left += strays(chaos, store, target)
        _, missing, differ, _ = store.verify(target, root)
        converged += run.rc == 0 and not missing and not differ
    chaos.row("3 MediaSync killed", "s3 multipart", f"kill -9 as soon as a multipart upload is listed, {rounds} times, each an initial upload "
              f"(5 MiB parts: {large} files go in parts)",
              f"{landed} of {rounds} kills landed inside an upload, orphaning {orphaned}; {left} left after the next runs; "
              f"{converged} of {rounds} next runs left every object equal to its file (downloaded)",
              "the next run converges and aborts what the kill orphaned", landed > 0 and orphaned > 0 and left == 0 and converged == rounds)


# ---- 4. Ctrl+C in real pwsh ----
STOP_SCRIPT = r'''
param($Module, $Tree, $Dest, $Bucket, $Endpoint, $DelayMs)
$ready = [Threading.ManualResetEventSlim]::new()
$ps = [powershell]::Create()
$null = $ps.AddScript({
    param($m, $t, $d, $b, $e, $r)
    Import-Module $m
    $r.Set()
    if ($b) { Get-MediaFile -LiteralPath $t | Publish-Media -Store (New-MediaStore -S3 -Bucket $b -EndpointUrl $e -ForcePathStyle) }
    else { Get-MediaFile -LiteralPath $t | Publish-Media -Destination $d }
}).AddArgument($Module).AddArgument($Tree).AddArgument($Dest).AddArgument($Bucket).AddArgument($Endpoint).AddArgument($ready)
$async = $ps.BeginInvoke()
$null = $ready.Wait(60000)
Start-Sleep -Milliseconds $DelayMs
$clock = [Diagnostics.Stopwatch]::StartNew()
$ps.Stop()
$clock.Stop()
"stopped-ms=$($clock.ElapsedMilliseconds) state=$($ps.InvocationStateInfo.State)"
'''


def ctrl_c(chaos):
    if not chaos.module:
        return chaos.note("4 Ctrl+C in pwsh", "-", "-", "CHAOS_MODULE is not set")
    script = chaos.home / "stop-publish.ps1"
    script.write_text(STOP_SCRIPT)
    tries = 2 if chaos.quick else 5
    for name in [n for n in ("folder", "s3") if n in chaos.stores]:
        store = chaos.stores[name]
        root = copy_tree(chaos.tree, chaos.home / "work" / f"stop-{name}")
        times, partial, leftovers, stray = [], 0, 0, 0
        target = store.new_target("stop")
        for attempt in range(tries):
            if attempt:
                chaos.mutate(root, 200 + attempt, 5)
            before = tree_md5s(target) if name == "folder" else {}
            args = [chaos.pwsh, "-NoProfile", "-NonInteractive", "-File", script, chaos.module, root,
                    target if name == "folder" else "", target if name == "s3" else "", chaos.s3_endpoint or "", chaos.random.randint(300, 1500)]
            done = subprocess.run(list(map(str, args)), capture_output=True, timeout=600, env={**os.environ, **getattr(chaos, "aws_env", {})})
            said = done.stdout.decode(errors="replace") + done.stderr.decode(errors="replace")
            (chaos.home / "logs" / f"pwsh-stop-{name}-{attempt}.log").write_text(said)
            found = [l for l in said.splitlines() if l.startswith("stopped-ms=")]
            times.append(int(found[0].split()[0].split("=")[1]) if found else 10 ** 6)
            if name == "folder":
                partial += partial_targets(target, root, before)
                leftovers += len(temp_leftovers(target))
            else:
                stray = max(stray, strays(chaos, store, target))
        chaos.row("4 Ctrl+C in pwsh", name, f"[powershell]::Stop() from another runspace, {tries} times, 0.3 to 1.5 s into a publish",
                  f"stopped in {', '.join(f'{t} ms' for t in times)}", "stops in under 2 s", max(times) < 2000)
        chaos.row("4 Ctrl+C in pwsh", name, "the same stops", f"{partial} partial targets, {leftovers} temp files left, {stray} multipart uploads left",
                  "no partial target, no temp file, no multipart upload left", partial == 0 and leftovers == 0 and stray == 0)
        converges(chaos, store, target, root, "4 Ctrl+C in pwsh")


# ---- 5. a full disk ----
def full_disk(chaos):
    mount = chaos.home / "tmpfs"
    mount.mkdir(parents=True, exist_ok=True)
    total = sum(f.stat().st_size for f in chaos.tree.rglob("*") if f.is_file())
    size_kib = max(1024, total // 3 // 1024)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(mount)], capture_output=True).returncode != 0:
        return chaos.note("5 a full disk", "folder", "-", "mount -t tmpfs was refused (needs root)")
    try:
        store = chaos.stores["folder"]
        target = mount / "site"
        orphans = store.put_orphans(target, 3)
        run = chaos.publish(store, target, chaos.tree, "--delete")
        source = tree_md5s(chaos.tree)
        have = tree_md5s(target)
        partial = sum(1 for k, v in have.items() if k in source and v != source[k])
        missing = len([k for k in source if k not in have])
        errors = len(run.failed_keys)   # files named in a write error (the delete that was skipped says so apart)
        kept = all((target / o).exists() for o in orphans)
        chaos.row("5 a full disk", "folder", f"a {size_kib // 1024} MiB tmpfs for {total // (1 << 20)} MiB, with --delete and 3 orphans",
                  f"exit {run.rc}; {missing} files did not fit, {errors} named in a write error, failed {run.count('failed')}; {partial} partial; "
                  f"{len(temp_leftovers(target))} temp files; orphans {'kept' if kept else 'deleted'}",
                  "one clear error per file that did not fit, no partial target, nothing deleted",
                  run.rc == 1 and errors == missing == run.count("failed") and partial == 0 and kept and not temp_leftovers(target))
        subprocess.run(["mount", "-o", f"remount,size={total * 2 // 1024}k", str(mount)], check=True)
        converges(chaos, store, target, chaos.tree, "5 a full disk")
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


# ---- 6. files that change underneath ----
def self_describing(size, rng):
    body = rng.randbytes(size)
    return hashlib.md5(body).hexdigest().encode() + b"\n" + body


def consistent(data):
    return len(data) > 33 and data[32:33] == b"\n" and hashlib.md5(data[33:]).hexdigest().encode() == data[:32]


def changing_files(chaos):
    for store in [chaos.stores["folder"], *chaos.remote_stores()]:
        root = copy_tree(chaos.tree, chaos.home / "work" / f"change-{store.name}")
        keys = sorted(tree_md5s(root))
        chosen = chaos.random.sample(keys, 10 if chaos.quick else 40)
        rng = chaos.random
        for key in chosen:
            (root / key).write_bytes(self_describing(rng.randint(1000, 200000), rng))
        stop = threading.Event()
        rewrites = [0]

        def writer():
            local = __import__("random").Random(7)
            while not stop.is_set():
                path = root / local.choice(chosen)
                data = self_describing(local.randint(1000, 3 << 20), local)
                with open(path, "wb") as stream:   # truncates, then writes in pieces: a reader can catch it halfway
                    for at in range(0, len(data), 1 << 16):
                        stream.write(data[at:at + (1 << 16)])
                        stream.flush()
                        time.sleep(0.001)
                rewrites[0] += 1
        thread = threading.Thread(target=writer, daemon=True)
        target = store.new_target("change")
        thread.start()
        changed_reports = 0
        try:
            for _ in range(2 if chaos.quick else 4):
                run = chaos.publish(store, target, root)
                changed_reports += run.error_ids.count("MediaSync.SourceChanged")
        finally:
            stop.set()
            thread.join()
        torn, unrecorded = [], []
        for key in chosen:
            data = read_back(store, target, key)
            if data is not None and not consistent(data):
                torn.append(key)
            if data is not None and store.name != "folder" and stored_md5(store, target, key) not in ("", hashlib.md5(data).hexdigest()):
                unrecorded.append(key)
        # A writer the scheduler pauses mid-file leaves a prefix that stays put while MediaSync hashes and sends it:
        # those bytes were the file's, read alike twice, so they match the recorded MD5, and the next run replaces them.
        injected = f"a writer truncated and rewrote {len(chosen)} files {rewrites[0]} times during {2 if chaos.quick else 4} publishes"
        if store.name == "folder":
            chaos.row("6 files change underneath", store.name, injected,
                      f"{len(torn)} targets hold bytes no whole version had; {changed_reports} copies refused as MediaSync.SourceChanged",
                      "no target holds bytes the file never held whole", not torn)
        else:
            chaos.row("6 files change underneath", store.name, injected,
                      f"{len(unrecorded)} objects' bytes differ from the MD5 the store holds; {changed_reports} uploads refused as MediaSync.SourceChanged; "
                      f"{len(torn)} objects hold a prefix the paused writer had left (the same bytes at hashing and at upload)",
                      "no object's bytes differ from the MD5 recorded for it", not unrecorded)
        converges(chaos, store, target, root, "6 files change underneath")


def stored_md5(store, target, key):
    done = store.rclone("md5sum", store.path(target, key), check=False)
    return done.stdout.decode().split(" ")[0] if done.returncode == 0 and done.stdout else ""


def read_back(store, target, key):
    if store.name == "folder":
        path = Path(target) / key
        return path.read_bytes() if path.exists() else None
    done = store.rclone("cat", store.path(target, key), check=False)
    return done.stdout if done.returncode == 0 else None


# ---- 7. hostile names and trees ----
def hostile_corpus(root):
    """What the corpus holds: (case, name fragment to look for in output or keys)."""
    media = Path(root)
    shutil.rmtree(media, ignore_errors=True)
    media.mkdir(parents=True)
    cases = []

    def file(name, case, text=b"x{}"):
        path = os.path.join(os.fsencode(media), name if isinstance(name, bytes) else name.encode())
        with open(path, "wb") as stream:
            stream.write(text)
        cases.append((case, name if isinstance(name, str) else name.decode(errors="replace")))
    file("a" * 251 + ".css", "a name of 255 bytes")
    file(b"bad-\xff\xfe.css", "bytes that are not UTF-8")
    file("new\nline.css", "a newline in a name")
    file("ctl-\x01.css", "a control character")
    file("-rf.css", "a leading '-'")
    file("trailing.", "a trailing dot")
    file("trailing ", "a trailing space")
    file("Twin.css", "case-only twins (Twin.css)")
    file("twin.css", "case-only twins (twin.css)")
    # a path over 4,096 bytes, made folder by folder (no single call may name it whole)
    fd = os.open(media, os.O_RDONLY)
    depth = 0
    for depth in range(22):
        os.mkdir("d" * 200, dir_fd=fd)
        inner = os.open("d" * 200, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = inner
    leaf = os.open("deep.css", os.O_WRONLY | os.O_CREAT, dir_fd=fd)
    os.write(leaf, b"deep{}")
    os.close(leaf)
    os.close(fd)
    cases.append(("a path over 4,096 bytes", "[MediaSync.PathTooLong]"))   # no call can name deep.css, so its folder is named
    os.symlink(".", media / "loop")
    cases.append(("a symlink loop", "loop"))
    locked = media / "locked"
    locked.mkdir()
    (locked / "inside.css").write_text("in{}")
    locked.chmod(0)
    cases.append(("an unreadable folder (root reads it anyway)", "locked"))
    os.mkfifo(media / "pipe.css")
    cases.append(("a FIFO", "pipe.css"))
    try:
        os.mknod(media / "device.css", 0o600 | 0o020000, os.makedev(1, 3))
        cases.append(("a character device", "device.css"))
    except PermissionError:
        pass
    app = Path(root).parent / "apps" / "..evil" / "media"
    app.mkdir(parents=True, exist_ok=True)
    (app / "app.css").write_text("app{}")
    cases.append(("'..' in an app name (apps/..evil)", "app.css"))
    return cases


def hostile_names(chaos):
    root = chaos.home / "work" / "hostile" / "media"
    for store in [chaos.stores["folder"], *chaos.remote_stores()]:
        cases = hostile_corpus(root)
        app = root.parent / "apps" / "..evil"
        outside = chaos.home / "work" / "hostile-out"
        target = store.new_target("hostile") if store.name != "folder" else outside / "site"
        if store.name == "folder":
            shutil.rmtree(outside, ignore_errors=True)
            outside.mkdir(parents=True)
        try:
            run = chaos.publish(store, target, root, "--app", app, timeout=300)
            hung = False
        except subprocess.TimeoutExpired:
            run, hung = None, True
        finally:
            (root / "locked").chmod(0o755)
        keys = store.keys(target) if not hung else set()
        said = (run.out + run.err) if run else ""
        unexplained = [case for case, fragment in cases
                       if not any(fragment.split("\n")[0][:40] in k for k in keys) and fragment.split("\n")[0][:40] not in said]
        escaped = [] if store.name != "folder" else [p.name for p in outside.iterdir() if p.name != "site"]
        shutil.rmtree(root.parent, ignore_errors=True)   # the 4 KiB path would trip every later walk of the work folder
        chaos.row("7 hostile names", store.name, "; ".join(case for case, _ in cases),
                  "hung (killed after 300 s)" if hung else f"exit {run.rc}, {len(keys)} published, errors {sorted(set(run.error_ids))}; "
                  f"unexplained: {unexplained or 'none'}; outside the destination: {escaped or 'nothing'}",
                  "a clear per-item error or a mapping for each, no crash, nothing outside the destination",
                  not hung and not run.crashed and not unexplained and not escaped)


def unreadable_folders(chaos):
    """As the user nobody, for whom modes count: a folder it cannot read at all, and one it can list but not search."""
    base = chaos.home / "work" / "unreadable"
    media, out = base / "media", base / "out"
    shutil.rmtree(base, ignore_errors=True)
    for folder in (media / "locked", media / "noexec", out):
        folder.mkdir(parents=True)
    for path in (media / "a.css", media / "locked" / "inside.css", media / "noexec" / "x.css"):
        path.write_text("x{}")
    os.chown(out, 65534, 65534)
    (media / "locked").chmod(0)
    (media / "noexec").chmod(0o444)
    try:
        run = chaos.cli.run(["publish", media, "--destination", out, "--summary"], as_nobody=True, env={"HOME": str(base)})
    finally:
        for name in ("locked", "noexec"):
            (media / name).chmod(0o755)
    said = run.out + run.err
    reported = [name for name in ("locked", "noexec") if f"[MediaSync.UnreadableFolder]: Skipped folder '{media / name}'" in said]
    published = sorted(p.name for p in out.iterdir())
    shutil.rmtree(base, ignore_errors=True)
    chaos.row("7 hostile names", "folder", "as the user nobody: a folder it cannot read (mode 000) and one it can list but not search (444)",
              f"exit {run.rc}, published {published}, MediaSync.UnreadableFolder for {reported}",
              "a clear per-item error for each, the rest published", run.rc == 1 and published == ["a.css"] and len(reported) == 2 and not run.crashed)


# ---- 8. empty or missing sources with --delete ----
def empty_sources(chaos):
    base = chaos.home / "work" / "empty" / "base"
    shutil.rmtree(base.parent, ignore_errors=True)
    base.mkdir(parents=True)
    for key in sorted(tree_md5s(chaos.tree))[:50]:
        (base / key).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(chaos.tree / key, base / key)
    subprocess.run(f"git init -q && git add -A && git -c user.email=c@example.com -c user.name=chaos commit -qm base", shell=True, cwd=base, check=True)
    empty = base.parent / "empty-root"
    empty.mkdir()
    cases = [("a missing root", [base.parent / "not-there"]), ("an empty root", [empty]),
             ("a filter that matches nothing", [base, "--include", "*.matches-nothing"]),
             ("a change set with no changes", [base, "--changed-since", "HEAD"])]
    for store in [chaos.stores["folder"], *chaos.remote_stores()]:
        target = store.new_target("empty")
        chaos.publish(store, target, base)
        before = store.keys(target)
        for case, args in cases:
            run = chaos.cli.run(["publish", *args, *store.cli_args(target), "--delete", "--summary"], env=chaos.env_via(store))
            after = store.keys(target)
            chaos.row("8 empty sources with --delete", store.name, case,
                      f"exit {run.rc}, {sorted(set(run.error_ids)) or 'no error'}; {len(before)} objects before, {len(after)} after",
                      "zero objects deleted", after == before and len(before) == 50 and not run.crashed)


ALL = [("faults", wire_faults), ("server", server_dies), ("kill", killed), ("ctrlc", ctrl_c), ("disk", full_disk),
       ("change", changing_files), ("hostile", hostile_names), ("unreadable", unreadable_folders), ("empty", empty_sources)]
