#!/usr/bin/env bash
# Times `descent frames` (release build) against the matplotlib peer drawing the same 60
# three-panel 1920x1080 frames, alternating the two so both see the same machine load.
# Prints every run and the medians of wall-clock seconds.
#
# Usage: scripts/bench/frames_bench.sh [RUNS]   (from the package folder, after swift build -c release)
set -euo pipefail
runs=${1:-5}
here=$(cd "$(dirname "$0")/../.." && pwd)
descent="$here/.build/release/descent"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift_times=()
python_times=()
for run in $(seq "$runs"); do
    rm -rf "$work/d" "$work/m"
    start=$(date +%s.%N)
    "$descent" frames --model linear --optimizer gd --lr 0.05 --init -1.5,1.5 --epochs 60 --size 1920x1080 --out "$work/d" --quiet
    end=$(date +%s.%N)
    swift_times+=("$(echo "$end - $start" | bc)")
    start=$(date +%s.%N)
    python3 "$here/scripts/bench/frames_matplotlib.py" "$work/m" 60 > /dev/null
    end=$(date +%s.%N)
    python_times+=("$(echo "$end - $start" | bc)")
    echo "run $run: descent ${swift_times[-1]} s, matplotlib ${python_times[-1]} s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
d=$(median "${swift_times[@]}")
m=$(median "${python_times[@]}")
echo "median: descent $d s, matplotlib $m s, ratio $(echo "scale=1; $m / $d" | bc)x"
