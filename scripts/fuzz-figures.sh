#!/usr/bin/env bash
# Draws 10,000 random figures (every kind, random valid options, sizes, languages, themes and
# data sets; see Tests/ReportingTests/FigureFuzzTests.swift) in a release build. A figure may be
# refused with an error; a crash ends the run and fails it. FIGURE_FUZZ_TRACE=1 prints each case
# before drawing it, so the last line before a crash names the case.
# Usage: scripts/fuzz-figures.sh [cases]
set -euo pipefail
cd "$(dirname "$0")/.."
FIGURE_FUZZ_CASES=${1:-10000} swift test -c release --filter FigureFuzzTests
