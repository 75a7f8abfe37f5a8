#!/usr/bin/env bash
# Runs the fuzz tests with 102,400 cases in all: 32,000 mutated CSV files, 32,000 build
# configurations, 32,000 size strings and 6,400 command lines (parsed, validated and trained);
# the command lines are slower because each rejected one builds its usage text. Release build.
# Usage: scripts/fuzz.sh [cases-per-family]
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_CASES=${1:-32000} swift test -c release --filter FuzzTests
