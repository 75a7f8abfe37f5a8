#!/usr/bin/env bash
# Runs the layout audit of every figure kind in both languages and every theme at the size
# presets, 640x360, 21:9, 4K, portrait 1080x1920, 800x600 and 1600x900 (swift test runs the
# presets, 640x360 and 21:9). A failure names the figure, the size and the two colliding items.
# Usage: scripts/audit-figures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
LAYOUT_AUDIT_SIZES=all swift test --filter FigureLayoutAuditTests
