#!/usr/bin/env bash
# Times the paths that grow with the input against a release build: `figure fit --labels` with
# 30,000 labelled rows as SVG and PNG (labels are placed through a grid index, at most 5,000
# considered), a frame sequence of 10^7 planned frames refused before any work, and with
# --large a 16384x16384 sequence at --jobs 16 whose peak memory must stay within the half of
# the machine's memory frames may use. Speed and memory limits live here, not in the test suite.
# Usage: scripts/check-limits.sh [--large] [path/to/descent]   (default: a release build)
set -eu
cd "$(dirname "$0")/.."
large=false
if [[ "${1:-}" == "--large" ]]; then large=true; shift; fi
descent=${1:-}
if [[ -z "$descent" ]]; then
    swift build -c release --product descent >/dev/null
    descent="$PWD/.build/release/descent"
fi
descent="$(cd "$(dirname "$descent")" && pwd)/$(basename "$descent")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
failures=0

# check NAME STATUS SECONDS KIB COMMAND...: runs COMMAND and checks its status, time and peak memory.
check() {
    local name=$1 expected=$2 limit_seconds=$3 limit_kib=$4
    shift 4
    local started ended status seconds kib
    started=$(date +%s.%N)
    set +e
    /usr/bin/time -f "%M" -o time.txt timeout "$limit_seconds" "$@" >out.txt 2>err.txt
    status=$?
    set -e
    ended=$(date +%s.%N)
    seconds=$(echo "$ended - $started" | bc)
    kib=$(tail -n 1 time.txt)
    if [[ $status -ne $expected || $kib -gt $limit_kib ]]; then
        echo "FAIL  $name: status $status (want $expected), ${kib} KiB (at most $limit_kib), ${seconds} s (at most $limit_seconds)"
        head -c 400 err.txt
        echo
        failures=$((failures + 1))
    else
        printf 'ok    %-52s %3d  %7.2f s  %8d KiB\n' "$name" "$status" "$seconds" "$kib"
    fi
}

awk 'BEGIN { srand(1); print "name,x,y"; for (i = 0; i < 30000; i++) { x = rand(); printf "person %d,%.4f,%.4f\n", i, x, x + 0.3 * (rand() - 0.5) } }' >labels.csv
check "fit --labels, 30,000 labelled rows, SVG" 0 30 $((600 * 1024)) \
    "$descent" figure fit --model both --residuals --labels --data labels.csv --x x --y y --label name --out fit.svg
check "fit --labels, 30,000 labelled rows, PNG" 0 30 $((600 * 1024)) \
    "$descent" figure fit --model both --residuals --labels --data labels.csv --x x --y y --label name --out fit.png
check "frames --epochs 1000000 --per-step (refused)" 64 5 $((200 * 1024)) \
    "$descent" frames --epochs 1000000 --per-step --out refused
if [[ -e refused ]]; then echo "FAIL  the refused sequence left its folder"; failures=$((failures + 1)); fi
if $large; then
    half_kib=$(awk '/MemTotal/ { print int($2 / 2) }' /proc/meminfo)
    check "frames 16384x16384 --jobs 16 (3 frames)" 0 3600 "$half_kib" \
        "$descent" frames --size 16384x16384 --jobs 16 --epochs 2 --layout training --out large -q
fi

if [[ $failures -gt 0 ]]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all limit checks passed"
