#!/usr/bin/env python3
"""Reliability at full scale (issue 15): faults on the wire, a server that dies, MediaSync killed and stopped, a full
disk, files that change underneath, hostile names, and empty sources with --delete, against every store. Each
scenario states what it injected and checks its invariants against what the store really holds; the table goes to
docs/reliability.md (or bench/results/reliability-quick.md with --quick). Run by bench/chaos.sh, which starts the
servers and sets the CHAOS_* variables. Exit status 1 when any invariant fails."""
import argparse
import os
import random
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from chaos_lib import Cli, FolderStore, RemoteStore, azure_container, azure_sas, tree_md5s, wait_for_port  # noqa: E402
import chaos_scenarios as scenarios  # noqa: E402


class Servers:
    """Kills and restarts the real servers: the Ceph gateway (S3 and Swift) and the run's own Azurite."""

    def __init__(self, env):
        self.env = env

    def _pidfile(self, store):
        return Path(self.env["CHAOS_RGW_PIDFILE"] if store in ("s3", "swift") else self.env["CHAOS_AZURITE_PIDFILE"])

    def kill(self, store):
        pid = int(self._pidfile(store).read_text().strip())
        # Azurite killed with -9 loses its own metadata (LokiJS saves on exit), which would test the emulator, not
        # MediaSync; SIGTERM drops every connection just the same
        os.kill(pid, signal.SIGKILL if store in ("s3", "swift") else signal.SIGTERM)
        for _ in range(100):
            try:
                os.kill(pid, 0)
                time.sleep(0.1)
            except ProcessLookupError:
                return

    def restart(self, store):
        if store in ("s3", "swift"):
            subprocess.run(["radosgw", "-c", self.env["CHAOS_RGW_CONF"], "-n", "client.rgw.mediasync"], check=True)
            port = int(self.env["CHAOS_S3_ENDPOINT"].rsplit(":", 1)[1])
        else:
            log = open(Path(self.env["CHAOS_HOME"]) / "azurite-restart.log", "ab")
            process = subprocess.Popen(shlex.split(self.env["CHAOS_AZURITE_CMD"]), stdout=log, stderr=log, start_new_session=True)
            self._pidfile(store).write_text(str(process.pid))
            port = int(self.env["CHAOS_AZURE_ENDPOINT"].split(":")[2].split("/")[0])
        if not wait_for_port(port, 90):
            raise RuntimeError(f"the {store} server did not come back on {port}")
        time.sleep(1)


class Chaos:
    def __init__(self, args):
        env = os.environ
        self.quick = args.quick
        self.home = Path(env["CHAOS_HOME"])
        self.tree = Path(env["CHAOS_TREE"])
        self.gen_tree = env["CHAOS_GEN_TREE"]
        self.module = env.get("CHAOS_MODULE", "")
        self.pwsh = env.get("CHAOS_PWSH", "pwsh")
        self.random = random.Random(int(env.get("CHAOS_SEED", "15")))
        self.canaries = [c for c in env.get("CHAOS_CANARIES", "").split(",") if c]
        self.rows = []
        self.servers = Servers(env)
        self.cli = Cli(env["CHAOS_CLI"], self.home / "logs", {**env, "NO_COLOR": "1"})
        self.stores = {"folder": FolderStore(self.home)}
        self.s3_endpoint = env.get("CHAOS_S3_ENDPOINT")
        if self.s3_endpoint:
            self.aws_env = {"AWS_ACCESS_KEY_ID": env["AWS_ACCESS_KEY_ID"], "AWS_SECRET_ACCESS_KEY": env["AWS_SECRET_ACCESS_KEY"], "AWS_DEFAULT_REGION": "us-east-1"}
            port = int(self.s3_endpoint.rsplit(":", 1)[1])
            self.stores["s3"] = RemoteStore("s3", "chaoss3", port,
                lambda t, e=None: ["--s3", t, "--s3-endpoint", e or self.s3_endpoint, "--path-style"],
                {"RCLONE_CONFIG_CHAOSS3_TYPE": "s3", "RCLONE_CONFIG_CHAOSS3_PROVIDER": "Ceph", "RCLONE_CONFIG_CHAOSS3_ENDPOINT": self.s3_endpoint,
                 "RCLONE_CONFIG_CHAOSS3_ACCESS_KEY_ID": env["AWS_ACCESS_KEY_ID"], "RCLONE_CONFIG_CHAOSS3_SECRET_ACCESS_KEY": env["AWS_SECRET_ACCESS_KEY"]},
                self.home)
        if env.get("CHAOS_AZURE_ENDPOINT"):
            endpoint, account, key = env["CHAOS_AZURE_ENDPOINT"], env["CHAOS_AZURE_ACCOUNT"], env["CHAOS_AZURE_KEY"]
            port = int(endpoint.split(":")[2].split("/")[0])
            connection = lambda e: f"DefaultEndpointsProtocol=http;AccountName={account};AccountKey={key};BlobEndpoint={e};"
            self.azure_connection = connection
            self.stores["azure"] = RemoteStore("azure", "chaosaz", port, lambda t, e=None: ["--azure", t], {}, self.home,
                remote_of=lambda t: f":azureblob,sas_url='{azure_sas(endpoint, key, t)}':{t}", make=lambda t: azure_container(endpoint, key, t))
            self.azure_endpoint = endpoint
        if env.get("CHAOS_SWIFT_AUTH"):
            auth = env["CHAOS_SWIFT_AUTH"]
            port = int(auth.split(":")[2].split("/")[0])
            self.stores["swift"] = RemoteStore("swift", "chaossw", port, lambda t, e=None: ["--swift", t, "--swift-auth-url", e or auth],
                {"RCLONE_CONFIG_CHAOSSW_TYPE": "swift", "RCLONE_CONFIG_CHAOSSW_AUTH": auth, "RCLONE_CONFIG_CHAOSSW_USER": env["ST_USER"],
                 "RCLONE_CONFIG_CHAOSSW_KEY": env["ST_KEY"], "RCLONE_CONFIG_CHAOSSW_AUTH_VERSION": "1"}, self.home)
            self.swift_auth = auth

    def remote_stores(self):
        return [s for n, s in self.stores.items() if n != "folder"]

    def endpoint_via(self, store, port):
        """The store's endpoint option through a proxy on port (Azure's goes in the connection string)."""
        if store.name == "s3":
            return f"http://127.0.0.1:{port}"
        if store.name == "swift":
            return self.swift_auth.replace(f":{store.port}/", f":{port}/")
        return None

    def env_via(self, store, port=None):
        if store.name != "azure":
            return {}
        endpoint = self.azure_endpoint if port is None else self.azure_endpoint.replace(f":{store.port}/", f":{port}/")
        return {"AZURE_STORAGE_CONNECTION_STRING": self.azure_connection(endpoint)}

    def publish(self, store, target, root, *extra, port=None, timeout=3600):
        args = ["publish", root, *store.cli_args(target, self.endpoint_via(store, port) if port else None), "--summary", *extra]
        return self.cli.run(args, timeout=timeout, env=self.env_via(store, port))

    def start_publish(self, store, target, root, *extra):
        args = ["publish", root, *store.cli_args(target), "--summary", *extra]
        return args, self.cli.start(args, env=self.env_via(store))

    def mutate(self, root, round_, percent):
        subprocess.run([sys.executable, self.gen_tree, str(root), "--mutate", str(round_), "--percent", str(percent)], check=True, capture_output=True)

    def row(self, scenario, store, injected, outcome, invariant, holds):
        self.rows.append({"scenario": scenario, "store": store, "injected": injected, "outcome": outcome, "invariant": invariant, "holds": bool(holds)})
        mark = "ok  " if holds else "FAIL"
        print(f"[{mark}] {scenario} / {store}: {invariant} -- {outcome}", flush=True)

    def note(self, scenario, store, injected, why):
        self.rows.append({"scenario": scenario, "store": store, "injected": injected, "outcome": why, "invariant": "not run", "holds": None})
        print(f"[skip] {scenario} / {store}: {why}", flush=True)

    def secret_scan(self):
        """Every output stream, state file and this report, searched for the run's canary secrets."""
        texts = [p.read_text(errors="replace") for p in (self.home / "logs").glob("*.log")]
        for store in self.remote_stores():
            for target in getattr(store, "targets", []):
                texts.append(store.read_state(target))
        for folder, dirs, files in os.walk(self.home / "folders"):
            texts += [Path(folder, f).read_text(errors="replace") for f in files if f == "manifest.json"]
        hits = sum(t.count(c) for t in texts for c in self.canaries)
        scanned = f"{len(texts)} logs, state files and manifests; {len(self.canaries)} canary secrets"
        self.row("secrets", "all", "a made-up key and secret for every store", f"{hits} occurrences in {scanned}", "no secret in any output", hits == 0 and self.canaries)


BEGIN, END = "<!-- bench/chaos.sh writes from here -->", "<!-- to here -->"


def write_report(chaos, path, seconds):
    """The table; where the file has BEGIN and END markers, only what lies between them is replaced."""
    files = len(tree_md5s(chaos.tree))
    lines = [f"Written by `bench/chaos.sh{' --quick' if chaos.quick else ''}` on {time.strftime('%Y-%m-%d')}: {files} files "
             f"(gen-tree.py `{'small' if chaos.quick else 'full'}`), stores {', '.join(chaos.stores)}, {seconds / 60:.1f} minutes. "
             "Every check reads the real thing: files byte for byte, objects downloaded by `rclone check --download`, "
             "multipart uploads listed by the aws CLI.", "",
             "| scenario | store | injected | outcome | invariant | holds |", "|---|---|---|---|---|---|"]
    for r in chaos.rows:
        holds = "yes" if r["holds"] else ("not run" if r["holds"] is None else "**NO**")
        lines.append(f"| {r['scenario']} | {r['store']} | {r['injected']} | {r['outcome']} | {r['invariant']} | {holds} |")
    failed = [r for r in chaos.rows if r["holds"] is False]
    lines += ["", f"{len(chaos.rows)} checks, {len(failed)} failed." if failed else f"{len(chaos.rows)} checks, all held where run."]
    table = "\n".join(lines) + "\n"
    old = path.read_text() if path.exists() else ""
    if BEGIN in old and END in old:
        text = old[:old.index(BEGIN) + len(BEGIN)] + "\n" + table + old[old.index(END):]
    else:
        text = "# Reliability at full scale\n\n" + table
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return failed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--report", required=True)
    parser.add_argument("--only", default="", help="comma-separated scenario names")
    args = parser.parse_args()
    chaos = Chaos(args)
    started = time.monotonic()
    only = {s for s in args.only.split(",") if s}
    for name, scenario in scenarios.ALL:
        if only and name not in only:
            continue
        try:
            scenario(chaos)
        except Exception as e:  # a scenario that breaks is a failed check, and the rest still run
            chaos.row(name, "-", "-", f"the scenario itself failed: {type(e).__name__}: {str(e)[:300]}", "scenario ran", False)
    chaos.secret_scan()
    failed = write_report(chaos, Path(args.report), time.monotonic() - started)
    if not os.environ.get("CHAOS_KEEP"):
        # the gateway's memstore holds every byte in RAM: a full run's buckets are gigabytes, and the next run's would
        # not fit; CHAOS_KEEP=1 keeps them to look into
        for store in (s for s in chaos.remote_stores() if s.name in ("s3", "swift")):
            left = store.purge_targets()
            print(f"removed the {store.name} targets of this run" + (f"; could not remove {', '.join(left)}" if left else ""))
    print(f"wrote {args.report}: {len(chaos.rows)} checks, {len(failed)} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
