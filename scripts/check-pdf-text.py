#!/usr/bin/env python3
"""Reads the text boxes of PDF figures (pdftotext -bbox, poppler-utils) and reports words that
leave the page and words of different lines that overlap.

Usage: scripts/check-pdf-text.py FILE.pdf|FOLDER ...
Folders are searched for *.pdf. Every page of every file is checked. Exits 1 when a file has a
problem, 2 on bad usage or when pdftotext is missing.
"""
import html
import itertools
import pathlib
import re
import shutil
import subprocess
import sys

PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
WORD = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>')


def pages(pdf):
    """(width, height, words) per page; a word is (x0, y0, x1, y1, text)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for page in PAGE.finditer(out):
        width, height = float(page.group(1)), float(page.group(2))
        words = [(*map(float, m.groups()[:4]), html.unescape(m.group(5))) for m in WORD.finditer(page.group(3))]
        yield width, height, words


def problems(pdf):
    found = []
    for number, (width, height, words) in enumerate(pages(pdf), start=1):
        for w in words:
            if w[0] < -0.5 or w[1] < -0.5 or w[2] > width + 0.5 or w[3] > height + 0.5:
                found.append(f"page {number}: outside the page: {w[4]!r}")
        for a, b in itertools.combinations(words, 2):
            overlap_x = min(a[2], b[2]) - max(a[0], b[0])
            overlap_y = min(a[3], b[3]) - max(a[1], b[1])
            if overlap_x > 1.0 and overlap_y > 1.0:
                found.append(f"page {number}: overlap: {a[4]!r} / {b[4]!r} ({overlap_x:.1f}x{overlap_y:.1f} pt)")
    return found


def main(arguments):
    if not arguments or arguments[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if arguments else 2
    if shutil.which("pdftotext") is None:
        print("pdftotext is missing: install poppler-utils (apt-get install poppler-utils)", file=sys.stderr)
        return 2
    files = []
    for argument in arguments:
        path = pathlib.Path(argument)
        if path.is_dir():
            files += sorted(path.rglob("*.pdf"))
        elif path.is_file():
            files.append(path)
        else:
            print(f"{argument}: no such file or folder", file=sys.stderr)
            return 2
    bad = 0
    for pdf in files:
        found = problems(pdf)
        if found:
            bad += 1
            print(pdf, len(found))
            for line in found[:6]:
                print("   ", line)
    print(f"files with problems: {bad} of {len(files)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
