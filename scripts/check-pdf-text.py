import subprocess, sys, re, itertools, html
# Usage: check_pdf_text.py file.pdf ... ; reports word boxes outside the page and overlapping words of different lines.
def words(pdf):
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True).stdout
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', out)
    W, H = float(page.group(1)), float(page.group(2))
    ws = []
    for m in re.finditer(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>', out):
        x0, y0, x1, y1 = map(float, m.groups()[:4]); ws.append((x0, y0, x1, y1, html.unescape(m.group(5))))
    return W, H, ws
bad = 0
for pdf in sys.argv[1:]:
    W, H, ws = words(pdf)
    problems = []
    for w in ws:
        if w[0] < -0.5 or w[1] < -0.5 or w[2] > W + 0.5 or w[3] > H + 0.5: problems.append(f"outside page: {w[4]!r}")
    for a, b in itertools.combinations(ws, 2):
        ix = min(a[2], b[2]) - max(a[0], b[0]); iy = min(a[3], b[3]) - max(a[1], b[1])
        if ix > 1.0 and iy > 1.0:
            problems.append(f"overlap: {a[4]!r} / {b[4]!r} ({ix:.1f}x{iy:.1f} pt)")
    if problems:
        bad += 1
        print(pdf, len(problems)); [print("   ", p) for p in problems[:6]]
print("files with problems:", bad, "of", len(sys.argv) - 1)
