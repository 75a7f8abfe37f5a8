#!/usr/bin/env python3
"""Load test of `descent live` on loopback: bounded in count and time.

Starts `descent live --port 0` (127.0.0.1 only), fetches each distinct configuration once alone,
then sends 200 /api/run requests at once (20 configurations, default 300 epochs) with 50 bad
requests interleaved (malformed, unknown, too large, wrong method). Checks that every request was
answered, every good answer equals the one fetched alone byte for byte, and every bad one is a 400
(405 for the wrong method) with a JSON error. Prints p50/p99/max latency of the good requests.
Exit status 0 when every check passed.

Usage: scripts/load-test-live.py [path/to/descent] [count]
"""
import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

DESCENT = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/descent"
COUNT = min(int(sys.argv[2]) if len(sys.argv) > 2 else 200, 1000)
OPTIMIZERS = ["sgd", "gd", "minibatch", "momentum", "adam"]
CONFIGS = [f"model={'linear' if i % 2 == 0 else 'cubic'}&optimizer={OPTIMIZERS[i % 5]}&lr={0.001 * (i + 1):.3f}&seed={i}"
           for i in range(20)]
BAD = ["lr=abc", "epochs=0", "epochs=999999", "init=1,2,3", "foo=1", "data=/etc/passwd", "batch=0", "lr=1&lr=2",
       "optimizer=nesterov", "degree=42"]


def fetch(path, method="GET"):
    request = urllib.request.Request(BASE + path, method=method)
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read(), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.read(), time.monotonic() - started


def main():
    global BASE
    process = subprocess.Popen([DESCENT, "live", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    BASE = next((word for word in line.split() if word.startswith("http://127.0.0.1:")), None)
    if not BASE:
        process.kill()
        sys.exit(f"descent live printed no loopback URL: {line!r}")
    failures = []
    try:
        alone = {config: fetch("api/run?" + config)[1] for config in CONFIGS}
        jobs = []
        for i in range(COUNT):
            jobs.append(("good", CONFIGS[i % len(CONFIGS)]))
            if i % 4 == 0:
                jobs.append(("bad", BAD[(i // 4) % len(BAD)]))
        with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
            started = time.monotonic()
            futures = [(kind, config, pool.submit(fetch, "api/run?" + config, "POST" if kind == "bad" and j % 25 == 0 else "GET"))
                       for j, (kind, config) in enumerate(jobs)]
            results = [(kind, config, future.result()) for kind, config, future in futures]
            wall = time.monotonic() - started
        latencies = []
        for kind, config, (status, body, seconds) in results:
            if kind == "good":
                latencies.append(seconds)
                if status != 200 or body != alone[config]:
                    failures.append(f"{config}: {status} {body[:80]!r}")
            else:
                message = json.loads(body).get("error", "") if body.startswith(b"{") else ""
                if status not in (400, 405) or not message:
                    failures.append(f"bad {config}: {status} {body[:80]!r}")
        latencies.sort()
        p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
        print(f"{len(results)} requests ({len(latencies)} good, {len(results) - len(latencies)} bad) answered in {wall:.2f} s")
        print(f"good /api/run latency: p50 {p(0.50):.0f} ms, p99 {p(0.99):.0f} ms, max {latencies[-1] * 1000:.0f} ms")
    finally:
        process.terminate()
        process.wait(timeout=10)
    for failure in failures[:10]:
        print("FAIL", failure)
    print(f"{len(failures)} failed" if failures else "all answered correctly")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
