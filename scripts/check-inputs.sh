#!/usr/bin/env bash
# Feeds adversarial inputs to descent and checks that each is refused quickly, on one line, with
# its exit status, in bounded memory: devices and FIFOs as data or build files, YAML files with
# 100,000 repeated keys, a 250,000-item list, 100,000 distinct keys, a 50 MB file, control
# characters, a 5 MB CSV field. Speed and memory limits live here, not in the test suite.
# Usage: scripts/check-inputs.sh [path/to/descent]   (default: a release build, built if needed)
set -eu  # no pipefail: `yes | head` ends yes with SIGPIPE
descent=${1:-}
if [[ -n "$descent" ]]; then  # as given, from the folder it was given in
    descent="$(cd "$(dirname "$descent")" && pwd)/$(basename "$descent")"
fi
cd "$(dirname "$0")/.."
if [[ -z "$descent" ]]; then
    swift build -c release --product descent >/dev/null
    descent="$PWD/.build/release/descent"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

limit_seconds=10
limit_kib=$((400 * 1024))
failures=0

# check NAME STATUS COMMAND...: runs COMMAND with a time limit and checks its status, one-line
# message, time and peak memory.
check() {
    local name=$1 expected=$2
    shift 2
    local started ended status seconds kib lines
    started=$(date +%s.%N)
    set +e
    /usr/bin/time -f "%M" -o time.txt timeout "$limit_seconds" "$@" >out.txt 2>err.txt
    status=$?
    set -e
    ended=$(date +%s.%N)
    seconds=$(echo "$ended - $started" | bc)
    kib=$(tail -n 1 time.txt)
    lines=$(wc -l <err.txt)
    if [[ $status -ne $expected || $lines -ne 1 || $kib -gt $limit_kib ]] || grep -q $'\e' err.txt; then
        echo "FAIL  $name: status $status (want $expected), $lines line(s) of error, ${kib} KiB, ${seconds} s"
        head -c 400 err.txt
        echo
        failures=$((failures + 1))
    else
        printf 'ok    %-44s %3d  %6.2f s  %7d KiB  %s\n' "$name" "$status" "$seconds" "$kib" "$(head -c 120 err.txt)"
    fi
}

mkfifo pipe
check "train --data /dev/zero" 65 "$descent" train --data /dev/zero --x a --y b
check "train --data FIFO without a writer" 65 "$descent" train --data pipe --x a --y b
check "build /dev/zero" 64 "$descent" build /dev/zero
check "build FIFO without a writer" 64 "$descent" build pipe

yes 'output: a' | head -n 100000 >repeated.yaml
check "100,000 repeated keys" 64 "$descent" build repeated.yaml
{ echo 'figures:'; printf '  kinds: ['; yes 'fit,' | head -n 250000 | tr -d '\n'; echo 'fit]'; } >list.yaml
check "a list of 250,000 kinds" 64 "$descent" build list.yaml
seq 1 100000 | sed 's/^/k/; s/$/: 1/' >keys.yaml
echo 'k1: 2' >>keys.yaml
check "100,000 keys, the first repeated at the end" 64 "$descent" build keys.yaml
{ echo 'figures:'; printf '  kinds: ['; yes 'fit,' | head -n 12500000 | tr -d '\n'; echo 'fit]'; } >huge.yaml
check "a 50 MB file" 64 "$descent" build huge.yaml
printf 'figures:\n  themes: [red\033[31m]\n' >escape.yaml
check "an escape character in the file" 64 "$descent" build escape.yaml
printf 'figures:\n  themes: ["\\e[2J\\0"]\n' >quoted.yaml
check "escape and NUL in a quoted value" 64 "$descent" build quoted.yaml
{ printf 'name,weight_kg,height_cm\n'; printf 'a,"'; head -c 5000000 /dev/zero | tr '\0' 'x'; printf '",150\n'; } >wide.csv
check "a 5 MB field in a CSV" 65 "$descent" train --data wide.csv --x weight_kg --y height_cm

if [[ $failures -gt 0 ]]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all input checks passed (each under $limit_seconds s and $((limit_kib / 1024)) MiB)"
