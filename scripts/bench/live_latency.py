#!/usr/bin/env python3
"""Latency of `descent live`'s /api/run, one request at a time (descent-bench's live section).

Starts `descent live --port 0`, sends COUNT requests for each of the default linear and cubic
runs one after another on one kept-alive connection (after 10 warm-up requests each), stops the
server with SIGINT and prints one JSON line: p50 and p99 in milliseconds per model, and the
`/api/view` p99 (the page's request when a control changes).

Usage: live_latency.py path/to/descent [count]
"""
import http.client
import json
import signal
import subprocess
import sys
import time

descent = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
server = subprocess.Popen([descent, "live", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
try:
    line = server.stdout.readline()  # "descent live: serving http://127.0.0.1:PORT/ (Ctrl-C stops)"
    port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    result = {}
    for name, path in [("linear_run", "/api/run"), ("cubic_run", "/api/run?model=cubic"),
                       ("linear_view", "/api/view"), ("cubic_view", "/api/view?model=cubic")]:
        times = []
        for index in range(count + 10):
            started = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                sys.exit(f"{path} answered {response.status}")
            if index >= 10:
                times.append((time.perf_counter() - started) * 1000)
        times.sort()
        result[name + "_p50_ms"] = times[len(times) // 2]
        result[name + "_p99_ms"] = times[min(len(times) - 1, int(0.99 * len(times)))]
    print(json.dumps(result))
finally:
    server.send_signal(signal.SIGINT)
    server.wait(timeout=30)
