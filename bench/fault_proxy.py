"""A loopback HTTP proxy that breaks requests on purpose, for bench/chaos.py.

Each request is forwarded to the real server on a connection of its own (so signatures, 100-continue and bodies pass
through untouched), unless the dice pick a fault for it:
  slowdown   answered 503 (S3's SlowDown body) without reaching the server
  error500   answered 500 without reaching the server
  reset      the request body is cut off midway and the connection reset (RST)
  stall      no answer at all, until the client gives up (bounded by stall_cap seconds)
  truncate   forwarded, but the response is cut off halfway through its body
Faults are drawn from a seeded random generator; counts of each are kept for the report.
"""
import random
import socket
import struct
import threading
import time

SLOWDOWN_BODY = (b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code>'
                 b'<Message>injected by bench/fault_proxy.py</Message></Error>')
ERROR_BODY = (b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code>'
              b'<Message>injected by bench/fault_proxy.py</Message></Error>')


class FaultProxy:
    def __init__(self, upstream_port, rates, seed=1, stall_cap=120.0, rewrite_port=False):
        """rates: {"slowdown": 0.05, "error500": 0.05, "reset": 0.05, "stall": 0.02, "truncate": 0.02}. With rewrite_port,
        the server's own port in a sign-in answer (Swift's X-Storage-Url) is replaced by the proxy's, so the
        requests that follow come through the proxy too."""
        self.upstream_port = upstream_port
        self.rewrite_port = rewrite_port
        self.rates = dict(rates)
        self.random = random.Random(seed)
        self.stall_cap = stall_cap
        self.counts = {name: 0 for name in ["none", *self.rates]}
        self.lock = threading.Lock()
        self.enabled = True
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(256)
        self.port = self.listener.getsockname()[1]
        self.stopping = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self):
        self.stopping.set()
        self.listener.close()

    def _pick(self):
        with self.lock:
            fault = "none"
            if self.enabled:
                roll = self.random.random()
                for name, rate in self.rates.items():
                    if roll < rate:
                        fault = name
                        break
                    roll -= rate
            self.counts[fault] += 1
            return fault

    def _accept(self):
        while not self.stopping.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    @staticmethod
    def _read_head(sock):
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                return None, b""
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        return head + b"\r\n\r\n", rest

    @staticmethod
    def _header(head, name):
        for line in head.split(b"\r\n")[1:]:
            key, _, value = line.partition(b":")
            if key.strip().lower() == name:
                return value.strip()
        return None

    def _serve(self, client):
        try:
            with client:
                while True:
                    head, rest = self._read_head(client)
                    if head is None:
                        return
                    fault = self._pick()
                    length = int(self._header(head, b"content-length") or 0)
                    expects = (self._header(head, b"expect") or b"").lower() == b"100-continue"
                    if fault in ("none", "truncate"):
                        self._forward(client, head, rest, truncate=fault == "truncate")
                        return
                    if fault == "stall":
                        client.settimeout(self.stall_cap)
                        try:
                            while client.recv(65536):
                                pass
                        except OSError:
                            pass
                        return
                    if fault == "reset":
                        if not expects:
                            self._drain(client, rest, length // 2)
                        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                        return
                    if not expects:
                        self._drain(client, rest, length)
                    status, body = (b"503 Slow Down", SLOWDOWN_BODY) if fault == "slowdown" else (b"500 Internal Server Error", ERROR_BODY)
                    client.sendall(b"HTTP/1.1 " + status + b"\r\nContent-Type: application/xml\r\nContent-Length: "
                                   + str(len(body)).encode() + b"\r\nConnection: " + (b"close" if expects else b"keep-alive")
                                   + b"\r\n\r\n" + body)
                    if expects:
                        return
        except OSError:
            pass

    @staticmethod
    def _drain(client, rest, count):
        count -= len(rest)
        while count > 0:
            chunk = client.recv(min(65536, count))
            if not chunk:
                return
            count -= len(chunk)

    @staticmethod
    def _read_all(sock):
        answer = b""
        for chunk in iter(lambda: sock.recv(65536), b""):
            answer += chunk
        return answer

    def _forward(self, client, head, rest, truncate):
        upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
        with upstream:
            lines = [l for l in head[:-4].split(b"\r\n") if not l.lower().startswith(b"connection:")]
            upstream.sendall(b"\r\n".join(lines) + b"\r\nConnection: close\r\n\r\n" + rest)
            done = threading.Event()

            def upload():
                try:
                    while not done.is_set():
                        chunk = client.recv(65536)
                        if not chunk:
                            break
                        upstream.sendall(chunk)
                except OSError:
                    pass
            threading.Thread(target=upload, daemon=True).start()
            try:
                if self.rewrite_port and head.split(b" ")[1].startswith(b"/auth"):
                    answer = self._read_all(upstream)
                    client.sendall(answer.replace(b"127.0.0.1:%d" % self.upstream_port, b"127.0.0.1:%d" % self.port))
                    return
                if not truncate:
                    while True:
                        chunk = upstream.recv(65536)
                        if not chunk:
                            break
                        client.sendall(chunk)
                    return
                answer = self._read_all(upstream)
                top, _, body = answer.partition(b"\r\n\r\n")
                client.sendall(top + b"\r\n\r\n" + body[: len(body) // 2])
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            except OSError:
                pass
            finally:
                done.set()


if __name__ == "__main__":  # a manual check: python3 bench/fault_proxy.py UPSTREAM_PORT
    import sys
    proxy = FaultProxy(int(sys.argv[1]), {"slowdown": 0.1, "reset": 0.05, "stall": 0.02, "truncate": 0.02})
    print(f"proxy on 127.0.0.1:{proxy.port}", flush=True)
    while True:
        time.sleep(5)
        print(proxy.counts, flush=True)
