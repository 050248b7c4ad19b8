"""Headless Chromium for the report page: screenshots at a given width, printing to PDF,
and just enough PNG and PDF reading to check the result (no third-party modules).

Run as a script to refresh the README's screenshot from the demo:
    SLEEPLOG_BIN=build/sleeplog python3 tests/cli/browser.py docs/report.png"""

import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

TIMEOUT_S = 120


def chromium():
    """The Chromium binary, or None when it is not installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _run(args, profile):
    cmd = [chromium(), "--headless", "--disable-gpu", "--hide-scrollbars",
           "--no-first-run", f"--user-data-dir={profile}", *args]
    if os.geteuid() == 0:
        cmd.insert(1, "--no-sandbox")  # Chromium refuses to run as root otherwise
    subprocess.run(cmd, capture_output=True, timeout=TIMEOUT_S, check=True)


def screenshot(html_path, png_path, width, height):
    """Renders the page at width x height CSS pixels into a PNG."""
    with tempfile.TemporaryDirectory() as profile:
        _run([f"--window-size={width},{height}", f"--screenshot={png_path}",
              "file://" + os.path.abspath(html_path)], profile)


def print_pdf(html_path, pdf_path):
    """Prints the page as the browser would (its print CSS, A4) into a PDF."""
    with tempfile.TemporaryDirectory() as profile:
        _run(["--no-pdf-header-footer", f"--print-to-pdf={pdf_path}",
              "file://" + os.path.abspath(html_path)], profile)


def document_width(html_path, width, folder):
    """The page's scrollWidth in CSS pixels in a viewport `width` wide. Headless Chromium
    keeps its window at least 500 px wide, so the page is laid out in an iframe of that
    width (srcdoc: same origin, so the measuring script of the outer page can read it;
    the page itself has no script) and the number read back through --dump-dom."""
    import html as entities
    with open(html_path, encoding="utf-8") as f:
        page = f.read()
    outer = ('<!DOCTYPE html><html><body style="margin:0"><iframe id="f" style="border:0" '
             f'width="{width}" height="900" srcdoc="{entities.escape(page, quote=True)}">'
             '</iframe><script>window.addEventListener("load", function () {'
             'var d = document.getElementById("f").contentDocument;'
             'document.body.setAttribute("data-width", String(d.documentElement.scrollWidth));'
             '});</script></body></html>')
    measured = os.path.join(folder, "measure.html")
    with open(measured, "w", encoding="utf-8") as f:
        f.write(outer)
    with tempfile.TemporaryDirectory() as profile:
        cmd = [chromium(), "--headless", "--disable-gpu", "--no-first-run",
               f"--user-data-dir={profile}", "--window-size=800,900", "--dump-dom",
               "file://" + os.path.abspath(measured)]
        if os.geteuid() == 0:
            cmd.insert(1, "--no-sandbox")
        out = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT_S, check=True).stdout
    return int(re.search(rb'data-width="(\d+)"', out).group(1))


def grey_pdf_page(pdf_path, page, dpi, folder):
    """(width, height, rows of grey values 0-255) of one PDF page rendered in grey."""
    base = os.path.join(folder, "grey")
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page),
                    pdf_path, base], check=True, timeout=TIMEOUT_S)
    name = next(n for n in sorted(os.listdir(folder)) if n.startswith("grey") and
                n.endswith(".pgm"))
    with open(os.path.join(folder, name), "rb") as f:
        data = f.read()
    fields = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    width, height = int(fields.group(1)), int(fields.group(2))
    pixels = data[fields.end():]
    return width, height, [pixels[y * width:(y + 1) * width] for y in range(height)]


def pdf_text(pdf_path, page):
    """The text of one PDF page (pdftotext -layout)."""
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), pdf_path,
                           "-"], capture_output=True, check=True, timeout=TIMEOUT_S).stdout.decode()


def pdf_pages(pdf_path):
    """The number of pages of a PDF (its /Type /Page objects)."""
    with open(pdf_path, "rb") as f:
        return len(re.findall(rb"/Type\s*/Page(?!s)", f.read()))


def png_pixels(png_path):
    """(width, height, rows of (r, g, b) tuples) of an 8-bit RGB or RGBA PNG."""
    with open(png_path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), (depth, colour)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
        rows.append([tuple(line[x:x + 3]) for x in range(0, stride, channels)])
        previous = line
    return width, height, rows


def demo_page(bin_path, folder, fmt="html"):
    """Makes the demo log (a child born 2026-02-10, 28 nights, one night tagged sick)
    in `folder` and writes its report; returns the report's path."""
    import sqlite3
    db = os.path.join(folder, "demo.db")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": folder,
           "TZ": "America/New_York", "SLEEPLOG_NOW": "2026-11-28T07:00:00-05:00",
           "SLEEPLOG_DB": db, "LANG": "C.UTF-8"}
    run = lambda *args: subprocess.run([bin_path, *args], env=env, check=True,
                                       capture_output=True, timeout=TIMEOUT_S)
    run("child", "add", "Mia", "--born", "2026-02-10")
    run("demo", "--nights", "28")
    run("note", "temp 38.4", "--at", "2026-11-25 20:10")
    con = sqlite3.connect(db)
    con.execute("INSERT INTO tag(child_id, night, word) VALUES (1, '2026-11-25', 'sick')")
    con.commit()
    con.close()
    path = os.path.join(folder, "report." + fmt)
    run("report", "--format", fmt, "-o", path)
    return path


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "docs/report.png"
    with tempfile.TemporaryDirectory() as folder:
        page = demo_page(os.environ.get("SLEEPLOG_BIN", "build/sleeplog"), folder)
        screenshot(page, out, 1280, 2300)
    print(f"wrote {out}")
