"""What bench/chaos.py builds its scenarios from: the CLI runner, the stores, and the checks on what they hold.

Every check reads the real thing: files on disk byte for byte, objects downloaded by rclone (check --download),
multipart uploads listed by the aws CLI (and, to aim a kill, by its library, botocore). Nothing here trusts
MediaSync's own account of what it did.
"""
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import botocore.config
import botocore.session

SUMMARY = re.compile(r"(?:Deleted|Would delete) (\d+) of (\d+), (?:uploaded|wrote|would upload|would write) (\d+)"
                     r"(?: \((\d+) linked\))?, skipped (\d+) \(\d+% changed\)(?:, failed (\d+))?")
TEMP_SUFFIX = ".mediasync-tmp"


class Run:
    """One finished CLI run: exit code, output, the summary line's counts, seconds."""

    def __init__(self, rc, out, err, seconds):
        self.rc, self.out, self.err, self.seconds = rc, out, err, seconds
        found = SUMMARY.search(out + "\n" + err)
        self.summary = None if not found else {
            "deleted": int(found[1]), "orphans": int(found[2]), "written": int(found[3]),
            "skipped": int(found[5]), "failed": int(found[6] or 0)}
        self.error_ids = re.findall(r"\[(MediaSync\.\w+)\]", out + err)
        self.failed_keys = set(re.findall(r"Could not write '([^']*)'", out + err))

    @property
    def crashed(self):
        return self.rc not in (0, 1) or "Unhandled exception" in self.err

    def count(self, name):
        return (self.summary or {}).get(name, 0)


class Cli:
    """The published mediasync CLI; every run's output is kept under logs/ for the secret scan."""

    def __init__(self, exe, logs, env):
        self.exe, self.logs, self.env = exe, Path(logs), env
        self.logs.mkdir(parents=True, exist_ok=True)
        self.serial = 0

    def _log(self, args, out, err):
        self.serial += 1
        (self.logs / f"{self.serial:04d}.log").write_text(" ".join(map(str, args)) + "\n" + out + "\n" + err, errors="replace")

    def run(self, args, timeout=3600, env=None, as_nobody=False):
        started = time.monotonic()
        # root reads every folder; setpriv runs the CLI as a user the file modes apply to
        drop = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] if as_nobody else []
        done = subprocess.run([*drop, self.exe, *map(str, args)], capture_output=True, timeout=timeout, env={**self.env, **(env or {})})
        out, err = done.stdout.decode(errors="replace"), done.stderr.decode(errors="replace")
        self._log(args, out, err)
        return Run(done.returncode, out, err, time.monotonic() - started)

    def start(self, args, env=None):
        return subprocess.Popen([self.exe, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env={**self.env, **(env or {})})

    def finish(self, process, args, timeout=3600):
        started = time.monotonic()
        out, err = process.communicate(timeout=timeout)
        out, err = out.decode(errors="replace"), err.decode(errors="replace")
        self._log(args, out, err)
        return Run(process.returncode, out, err, time.monotonic() - started)

    def kill(self, process, args):
        process.send_signal(signal.SIGKILL)
        return self.finish(process, args, timeout=60)


def md5_of(path):
    digest = hashlib.md5()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tree_md5s(root):
    """Relative path -> MD5 of every regular file under root (hidden and '_' names are not media)."""
    root = Path(root)
    found = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith((".", "_"))]
        for name in files:
            if name.startswith((".", "_")):
                continue
            full = Path(folder) / name
            found[full.relative_to(root).as_posix()] = md5_of(full)
    return found


def temp_leftovers(root):
    return [str(Path(folder) / name) for folder, _, files in os.walk(root) for name in files if name.endswith(TEMP_SUFFIX)]


class FolderStore:
    name = "folder"

    def __init__(self, home):
        self.home = Path(home)

    def new_target(self, tag):
        target = self.home / "folders" / tag
        shutil.rmtree(target, ignore_errors=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def cli_args(self, target, endpoint=None):
        return ["--destination", target]

    def keys(self, target):
        return set(tree_md5s(target)) if Path(target).exists() else set()

    def verify(self, target, tree):
        """(same, missing, differ, extra) between the source tree and the folder, byte for byte."""
        want, have = tree_md5s(tree), tree_md5s(target) if Path(target).exists() else {}
        same = sum(1 for k, v in want.items() if have.get(k) == v)
        missing = [k for k in want if k not in have]
        differ = [k for k in want if k in have and have[k] != want[k]]
        extra = [k for k in have if k not in want]
        return same, missing, differ, extra

    def put_orphans(self, target, count):
        for i in range(count):
            path = Path(target) / "orphans" / f"orphan-{i}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"orphan {i}")
        return [f"orphans/orphan-{i}.txt" for i in range(count)]


class RemoteStore:
    """An S3 bucket, Azure container or Swift container, read back through rclone (a peer, not MediaSync)."""

    def __init__(self, name, remote, port, args, rclone_env, home, remote_of=None, make=None):
        self.name, self.remote, self.port, self._args, self.home = name, remote, port, args, Path(home)
        self.remote_of = remote_of or (lambda target: f"{remote}:{target}")
        self.make = make
        self.rclone_env = rclone_env
        self.serial = 0
        self.targets = []

    def rclone(self, *args, check=True, timeout=1800):
        done = subprocess.run(["rclone", *map(str, args)], capture_output=True, timeout=timeout, env={**os.environ, **self.rclone_env})
        if check and done.returncode != 0:
            raise RuntimeError(f"rclone {' '.join(map(str, args))}: {done.stderr.decode(errors='replace')[-800:]}")
        return done

    def new_target(self, tag):
        self.serial += 1
        # S3 and Swift on one gateway share the account's buckets, so the store's name is part of the target's
        target = f"chaos-{self.name}-{tag}-{os.getpid()}-{self.serial}".lower().replace("_", "-")[:60]
        if self.make:
            self.make(target)
        else:
            self.rclone("mkdir", self.path(target))
        self.targets.append(target)
        return target

    def cli_args(self, target, endpoint=None):
        return self._args(target, endpoint)

    def path(self, target, key=""):
        return self.remote_of(target) + ("/" + key if key else "")

    def keys(self, target):
        listed = json.loads(self.rclone("lsjson", "-R", "--files-only", "--exclude", ".mediasync/**", self.path(target)).stdout)
        # rclone shows control characters as their Unicode pictures (U+2400 + c); the keys hold the characters
        return {re.sub("[\u2400-\u241f]", lambda m: chr(ord(m.group()) - 0x2400), entry["Path"]) for entry in listed}

    def verify(self, target, tree):
        report = self.home / f"check-{self.name}.txt"
        # --ignore-size: Ceph's Swift listing gives a large object's manifest size (559 bytes), not its own; the
        # download compares every byte anyway
        self.rclone("check", "--download", "--ignore-size", "--exclude", ".mediasync/**", "--combined", report, "--checkers", "16",
                    tree, self.path(target), check=False)
        lines = report.read_text(errors="replace").splitlines()
        pick = lambda mark: [l[2:] for l in lines if l.startswith(mark + " ")]
        # rclone's marks: "+" only in the source (missing here), "-" only here, "*" differ, "!" unreadable
        return len(pick("=")), pick("+"), pick("*") + pick("!"), pick("-")

    def purge_targets(self):
        """Removes every target this run made; returns those that could not be removed."""
        self.targets = [t for t in self.targets
                        if self.rclone("purge", "--checkers", "16", self.path(t), check=False, timeout=600).returncode != 0]
        return self.targets

    def put_orphans(self, target, count):
        scratch = self.home / "orphans"
        scratch.mkdir(parents=True, exist_ok=True)
        for i in range(count):
            (scratch / f"orphan-{i}.txt").write_text(f"orphan {i}")
        self.rclone("copy", scratch, self.path(target, "orphans"))
        return [f"orphans/orphan-{i}.txt" for i in range(count)]

    def read_state(self, target):
        done = self.rclone("cat", self.path(target, ".mediasync/state.json"), check=False)
        return done.stdout.decode(errors="replace") if done.returncode == 0 else ""


def stray_multipart_uploads(bucket, endpoint, env):
    done = subprocess.run(["aws", "--endpoint-url", endpoint, "s3api", "list-multipart-uploads", "--bucket", bucket, "--output", "json"],
                          capture_output=True, env={**os.environ, **env}, timeout=120)
    if done.returncode != 0:  # a listing that could not be made must not read as "none left"
        raise RuntimeError(f"aws s3api list-multipart-uploads --bucket {bucket}: exit {done.returncode}: {done.stderr.decode(errors='replace')[:300]}")
    text = done.stdout.decode().strip()
    return len(json.loads(text).get("Uploads") or []) if text else 0


def multipart_lister(endpoint, env):
    """Counts a bucket's uploads in progress in milliseconds, to aim a kill: botocore (the aws CLI's own library)
    without the CLI's start-up of most of a second. A listing that fails raises."""
    client = botocore.session.get_session().create_client(
        "s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
        config=botocore.config.Config(s3={"addressing_style": "path"}, connect_timeout=5, read_timeout=5, retries={"max_attempts": 1}))
    return lambda bucket: len(client.list_multipart_uploads(Bucket=bucket).get("Uploads") or [])


def wait_for_port(port, seconds=60):
    import socket
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.3)
    return False


def copy_tree(source, target):
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, symlinks=True, copy_function=shutil.copy2)
    return Path(target)


def azure_sas(endpoint, key, container):
    """A container SAS URL on Azurite signed with the account key (rclone 1.60's emulator mode builds no usable URL)."""
    import base64, hmac, urllib.parse
    account = endpoint.rstrip("/").split("/")[-1]
    sp, ss, srt, se, sv = "racwdlup", "b", "sco", "2030-01-01T00:00:00Z", "2019-02-02"
    signed = "\n".join([account, sp, ss, srt, "", se, "", "", sv, ""]).encode()
    sig = base64.b64encode(hmac.new(base64.b64decode(key), signed, hashlib.sha256).digest()).decode()
    return f"{endpoint}/{container}?" + urllib.parse.urlencode({"sv": sv, "ss": ss, "srt": srt, "sp": sp, "se": se, "sig": sig})


def azure_container(endpoint, key, container):
    import urllib.request
    urllib.request.urlopen(urllib.request.Request(azure_sas(endpoint, key, container) + "&restype=container", method="PUT",
                                                  headers={"x-ms-version": "2019-02-02"}))
