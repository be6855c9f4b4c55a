"""The HTML report in a real browser: headless Chromium from the OS packages (.ci/browser
installs it). It renders, the chart and the provisions are in the DOM, nothing is fetched
from the network, and the screenshot is not blank."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

import wpscheck
from tests import samples

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None
)
if CHROMIUM is None:
    pytest.skip(
        "no chromium: install Debian's chromium (.ci/browser does) to run the browser test",
        allow_module_level=True,
    )


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    assert CHROMIUM is not None
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, timeout=120, check=False)


def decode_png(data: bytes, max_rows: int | None = None) -> tuple[int, int, int, bytes]:
    """(width, height, bytes per pixel, pixel rows without filter bytes), stdlib only;
    only the first ``max_rows`` rows are unfiltered (pure Python is slow)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    width = height = bpp = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8, f"unexpected bit depth {depth}"
            bpp = {2: 3, 6: 4, 0: 1, 4: 2}[color]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    out = bytearray()
    prev = bytearray(stride)
    for y in range(min(height, max_rows or height)):
        if ftype_is_none := raw[y * (stride + 1)] == 0:
            line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        if ftype_is_none:
            out += line
            prev = line
            continue
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 0xFF
            elif ftype == 2:
                line[x] = (line[x] + b) & 0xFF
            elif ftype == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 0xFF
        out += line
        prev = line
    return width, height, bpp, bytes(out)


def _write_page(tmp_path: Path, report: wpscheck.Report, name: str) -> Path:
    page = tmp_path / f"{name}.html"
    page.write_text(wpscheck.render(report, "html"), encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("html")
    return {
        "mali": _write_page(tmp, samples.mali_report(), "mali"),
        "draft": _write_page(tmp, samples.draft_report(), "draft"),
        "softened": _write_page(tmp, samples.softened_report(), "softened"),
    }


def test_the_dom_has_the_chart_and_the_provisions(pages: dict[str, Path], tmp_path: Path) -> None:
    mali = _chromium(tmp_path, "--dump-dom", pages["mali"].as_uri())
    assert mali.returncode == 0, mali.stderr.decode(errors="replace")[-2000:]
    dom = mali.stdout.decode("utf-8")
    assert '<svg class="bars"' in dom
    assert "30 % minimum" in dom
    assert "Transitional government" in dom
    draft = _chromium(tmp_path, "--dump-dom", pages["draft"].as_uri())
    dom = draft.stdout.decode("utf-8")
    classes = re.findall(r'<li class="c-(retained|modified|weakened|dropped)" id=', dom)
    assert sorted(set(classes)) == ["dropped", "modified", "retained", "weakened"]
    assert "<del>Calls upon</del>" in dom
    assert "<ins>Encourages</ins>" in dom
    real = _chromium(tmp_path, "--dump-dom", pages["softened"].as_uri()).stdout.decode("utf-8")
    assert real.count('<li class="c-weakened"') == 3
    assert "Needs attention (3)" in real


def test_nothing_is_requested_from_the_network(pages: dict[str, Path], tmp_path: Path) -> None:
    for page in pages.values():
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", text, re.I)
        assert "default-src 'none'" in text.replace("&#x27;", "'")
    # The page's Content-Security-Policy is live: a probe image pointing at the network,
    # slipped into a copy of the page, is refused by the browser, not fetched.
    probe = tmp_path / "probe.html"
    probe.write_text(
        pages["mali"]
        .read_text(encoding="utf-8")
        .replace("<main>", '<main><img src="http://127.0.0.1:9/probe.png" alt="">', 1),
        encoding="utf-8",
    )
    run = _chromium(tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom", probe.as_uri())
    log = run.stderr.decode("utf-8", errors="replace")
    assert "probe.png' violates the following Content Security Policy directive" in log


def test_screenshot_is_not_blank(pages: dict[str, Path], tmp_path: Path) -> None:
    for name, page in pages.items():
        shot = tmp_path / f"{name}.png"
        run = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri())
        assert shot.is_file(), run.stderr.decode(errors="replace")[-2000:]
        width, height, bpp, pixels = decode_png(shot.read_bytes(), max_rows=500)
        assert (width, height) == (1280, 2000)
        step = bpp * 7  # sample every 7th pixel
        colours = {pixels[i : i + 3] for i in range(0, len(pixels) - bpp, step)}
        assert len(colours) > 20, f"{name}: the screenshot is (nearly) one colour"
        # The page's header is dark navy: the style sheet was applied.
        top_left = pixels[(20 * width + 20) * bpp : (20 * width + 20) * bpp + 3]
        assert top_left == bytes((0x22, 0x26, 0x4B)), f"{name}: header colour {top_left.hex()}"
        white = sum(
            1 for i in range(0, len(pixels) - bpp, step) if pixels[i : i + 3] == b"\xff\xff\xff"
        )
        total = len(range(0, len(pixels) - bpp, step))
        assert white / total < 0.95, f"{name}: {white / total:.0%} of the page is white"
