#!/usr/bin/env bash
# Checks a report.html in headless Chromium: every image loads, the epoch slider moves the
# overlay, no script error. Writes a screenshot next to the report (report-screenshot.png).
# Usage: scripts/check-report.sh [output/report.html]
set -euo pipefail
report=${1:-output/report.html}
[ -f "$report" ] || { echo "error: '$report' does not exist; run 'swift run -c release descent' first." >&2; exit 1; }
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "error: no Chromium found; install it with 'apt-get install chromium'." >&2; exit 69; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
probe="$work/probe.html"
# The report plus a probe that records errors, image loads and what the slider does.
{
  echo '<script>window.__errors = []; window.addEventListener("error", function (e) { window.__errors.push(String(e.message)); });</script>'
  cat "$report"
  cat <<'PROBE'
<script>
window.addEventListener('load', function () {
  var result = {errors: window.__errors.slice(), images: 0, broken: 0, slider: 'missing'};
  var images = document.querySelectorAll('img');
  result.images = images.length;
  images.forEach(function (img) { if (!img.complete || img.naturalWidth === 0) result.broken++; });
  var slider = document.getElementById('epoch-slider');
  var numbers = document.getElementById('epoch-numbers');
  var path = document.querySelector('#epoch-overlay polyline:nth-of-type(2)');
  if (slider && numbers) {
    var lastText = numbers.textContent;
    var lastPoints = document.querySelectorAll('#epoch-overlay polyline')[1].getAttribute('points').split(' ').length;
    slider.value = 0; slider.dispatchEvent(new Event('input'));
    var firstText = numbers.textContent;
    var firstPoints = document.querySelectorAll('#epoch-overlay polyline')[1].getAttribute('points').split(' ').length;
    result.slider = (firstText !== lastText && firstPoints === 1 && lastPoints > 1) ? 'works' : 'broken';
    result.numbers = [firstText, lastText];
    slider.value = Math.floor(slider.max / 2); slider.dispatchEvent(new Event('input'));
  }
  result.errors = window.__errors.slice();
  var out = document.createElement('pre'); out.id = 'probe-result'; out.textContent = JSON.stringify(result);
  document.body.appendChild(out);
});
</script>
PROBE
} > "$probe"

flags=(--headless --no-sandbox --disable-gpu --allow-file-access-from-files --virtual-time-budget=5000)
"$browser" "${flags[@]}" --dump-dom "file://$probe" 2>/dev/null > "$work/dom.html"
result=$(python3 -c "
import re, sys, html
dom = open('$work/dom.html', encoding='utf-8').read()
m = re.search(r'<pre id=\"probe-result\">(.*?)</pre>', dom, re.S)
print(html.unescape(m.group(1)) if m else '')
")
screenshot="$(dirname "$report")/report-screenshot.png"
"$browser" "${flags[@]}" --window-size=1280,2400 --screenshot="$screenshot" "file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")" 2>/dev/null >/dev/null || true
echo "probe: $result"
echo "screenshot: $screenshot"
python3 - "$result" <<'PY'
import json, sys
if not sys.argv[1]:
    print("FAIL: the probe did not run (the page did not load?)"); sys.exit(1)
r = json.loads(sys.argv[1])
problems = []
if r["errors"]: problems.append("script errors: %s" % r["errors"])
if r["images"] == 0: problems.append("no images")
if r["broken"]: problems.append("%d images did not load" % r["broken"])
if r["slider"] != "works": problems.append("slider %s" % r["slider"])
if problems:
    print("FAIL: " + "; ".join(problems)); sys.exit(1)
print("ok: %d images load, the slider moves the path and the numbers, no script errors" % r["images"])
PY
