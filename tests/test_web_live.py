"""``wpscheck serve`` on a real socket: uvicorn on 127.0.0.1 (a free port), then

- in a real browser (Debian's chromium driven by selenium through ``chromedriver``): upload
  a draft, the report shown, a download clicked and the file checked, a bad file's message
  on the page (skipped with a reason when chromium or chromedriver is absent);
- under load: 50 concurrent uploads from a bounded local client, nothing lost, no error,
  each response the report of its own draft.
"""

from __future__ import annotations

import asyncio
import base64
import html
import io
import os
import re
import shutil
import socket
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("uvicorn", reason="the web extra is not installed (pip install '.[web]')")
pytest.importorskip("starlette", reason="the web extra is not installed (pip install '.[web]')")

import uvicorn

from wpscheck.loading import shipped_packs
from wpscheck.web.app import Upload, create_app, run_check

ROOT = Path(__file__).resolve().parents[1]
DRAFTS = ROOT / "fixtures" / "drafts"
FAIL = DRAFTS / "sanctions-fail.txt"

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None
)
DRIVER = shutil.which("chromedriver") or (
    "/usr/bin/chromedriver" if os.access("/usr/bin/chromedriver", os.X_OK) else None
)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A uvicorn server on 127.0.0.1 and a free port, in a thread; stopped after the module."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(), log_level="warning", access_log=False)
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start within 20 s"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(20)
    sock.close()
    assert not thread.is_alive(), "uvicorn did not stop within 20 s"


def _expected(path: Path) -> str:
    """The JSON report the server should give for ``path`` (run in this process)."""
    return run_check(Upload(path.name, path.read_bytes()), shipped_packs()).json


# --------------------------------------------------------------------------- load


def test_50_concurrent_uploads_each_get_their_own_report(server: str) -> None:
    httpx = pytest.importorskip("httpx2", reason="the test extra's httpx2 is not installed")
    drafts = sorted(p for p in DRAFTS.iterdir() if p.suffix in (".txt", ".md", ".docx"))
    assert len(drafts) >= 8
    expected = {p.name: _expected(p) for p in drafts}
    jobs = [(drafts[i % len(drafts)], "/check" if i % 2 else "/download/json") for i in range(50)]

    async def one(client: object, path: Path, route: str) -> tuple[str, int, str]:
        assert isinstance(client, httpx.AsyncClient)
        r = await client.post(route, files={"draft": (path.name, path.read_bytes())})
        if route == "/download/json":
            return path.name, r.status_code, r.text
        found = re.search(
            r'class="wps-serve-json" download="[^"]+" href="data:[^;]+;base64,([^"]+)"', r.text
        )
        text = base64.b64decode(found.group(1)).decode("utf-8") if found else r.text
        return path.name, r.status_code, text

    async def run() -> list[tuple[str, int, str]]:
        limits = httpx.Limits(max_connections=50)
        async with httpx.AsyncClient(base_url=server, timeout=120, limits=limits) as client:
            return await asyncio.wait_for(
                asyncio.gather(*(one(client, p, route) for p, route in jobs)), timeout=240
            )

    started = time.monotonic()
    results = asyncio.run(run())
    took = time.monotonic() - started
    assert len(results) == 50
    assert [name for name, _, _ in results] == [p.name for p, _ in jobs]  # nothing lost
    assert [status for _, status, _ in results] == [200] * 50  # no error
    for name, _, text in results:
        assert text == expected[name], name
    print(f"50 concurrent uploads answered in {took:.1f} s")


# --------------------------------------------------------------------------- browser


@pytest.mark.browser
def test_in_a_browser_upload_report_download_and_a_bad_file(server: str, tmp_path: Path) -> None:
    if CHROMIUM is None:
        pytest.skip("no chromium: install Debian's chromium (.ci/browser does)")
    if DRIVER is None:
        pytest.skip("no chromedriver: install Debian's chromium-driver (.ci/webdriver does)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1200,1400",
        f"--user-data-dir={tmp_path / 'profile'}",
    ):
        options.add_argument(arg)
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    try:
        driver.set_page_load_timeout(60)
        driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
        )
        wait = WebDriverWait(driver, 60)
        driver.get(f"{server}/")
        assert driver.title == "wpscheck — check a draft"
        driver.find_element(By.ID, "draft").send_keys(str(FAIL))
        driver.find_element(By.CSS_SELECTOR, "button.main").click()
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "nav.wps-serve-bar")))
        assert driver.find_element(By.CSS_SELECTOR, "header.top p code").text == FAIL.name
        assert driver.title.startswith("wpscheck report")
        driver.save_screenshot(str(tmp_path / "report.png"))
        assert (tmp_path / "report.png").stat().st_size > 10_000

        driver.find_element(By.CSS_SELECTOR, "a.wps-serve-json").click()
        driver.find_element(By.CSS_SELECTOR, "a.wps-serve-docx").click()
        json_file = downloads / "sanctions-fail-report.json"
        docx_file = downloads / "sanctions-fail-annotated.docx"
        deadline = time.monotonic() + 30
        while not (json_file.exists() and docx_file.exists()):
            assert time.monotonic() < deadline, (
                f"no download within 30 s: {list(downloads.iterdir())}"
            )
            time.sleep(0.1)
        assert json_file.read_text(encoding="utf-8") == _expected(FAIL)
        with zipfile.ZipFile(io.BytesIO(docx_file.read_bytes())) as z:
            assert z.read("word/comments.xml").count(b"<w:comment ") == 3

        bad = tmp_path / "empty.txt"
        bad.write_bytes(b"")
        driver.find_element(By.CSS_SELECTOR, "a.wps-serve-again").click()
        wait.until(ec.presence_of_element_located((By.ID, "draft")))
        driver.find_element(By.ID, "draft").send_keys(str(bad))
        driver.find_element(By.CSS_SELECTOR, "button.main").click()
        shown = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".error p")))
        assert shown.text == "empty.txt: the file is empty; expected the text of a draft"
        driver.save_screenshot(str(tmp_path / "error.png"))
        assert "Traceback" not in html.unescape(driver.page_source)
    finally:
        driver.quit()
