#!/usr/bin/env bash
# Runs the fuzz tests with 100,000 cases in all: 25,000 mutated CSV files, 25,000 build
# configurations, 25,000 size strings and 5,000 command lines (parsed, validated and trained);
# the command lines are slower because each rejected one builds its usage text. Release build.
# Usage: scripts/fuzz.sh [cases-per-family]
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_CASES=${1:-25000} swift test -c release --filter FuzzTests
