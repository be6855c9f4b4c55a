"""``wpscheck serve``'s routes through Starlette's TestClient: the page, the report, each
download (the same bytes as the CLI's), bad files (the CLI's message, 400), too large (413),
wrong type, and nothing left on disk."""

from __future__ import annotations

import base64
import html
import io
import re
import socket
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("starlette", reason="the web extra is not installed (pip install '.[web]')")
pytest.importorskip("multipart", reason="the web extra is not installed (pip install '.[web]')")

from starlette.testclient import TestClient

from tests.test_readers_docx import _zip
from wpscheck.cli import main
from wpscheck.loading import shipped_packs
from wpscheck.readers import MAX_DRAFT_BYTES
from wpscheck.web import exposure_warning
from wpscheck.web.app import BODY_LIMIT, create_app, safe_name

ROOT = Path(__file__).resolve().parents[1]
FAIL = ROOT / "fixtures" / "drafts" / "sanctions-fail.txt"
TRACKED = ROOT / "fixtures" / "annotate" / "mali-tracked.docx"
LAST = ROOT / "fixtures" / "lineage" / "r1-2021.txt"
DRAFT = ROOT / "fixtures" / "lineage" / "r2-2022.txt"

SHIPPED = [p.id for p in shipped_packs()]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(hosts=["testserver"]))


@pytest.fixture
def spool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every temporary file and folder (the app's and Starlette's) goes here."""
    spool = tmp_path / "spool"
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    return spool


def _message(page: str) -> str:
    found = re.findall(r'<div class="error" role="alert">.*?<p>(.*?)</p></div>', page, re.S)
    assert len(found) == 1, page
    return html.unescape(found[0])


Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """``wpscheck …`` run in ``tmp_path`` (the web requests of the test run there too: a
    pack's source in a report is relative to the working folder)."""
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _downloads(page: str) -> dict[str, tuple[str, bytes]]:
    found = re.findall(
        r'class="wps-serve-(\w+)" download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', page
    )
    return {kind: (html.unescape(name), base64.b64decode(data)) for kind, name, data in found}


def test_the_page_offers_the_upload_the_packs_and_says_the_limit(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["cache-control"] == "no-store"
    page = r.text
    assert (
        '<input type="file" name="draft" id="draft" accept=".docx,.pdf,.txt,.md" required' in page
    )
    assert 'name="last"' in page
    assert "of at most 10 MiB" in page
    assert re.findall(r'name="pack" value="([^"]+)" checked', page) == SHIPPED
    assert "<script" not in page


def test_report_shown_and_each_download_is_the_clis(
    client: TestClient,
    spool: Path,
    tmp_path: Path,
    cli: Cli,
) -> None:
    here = tmp_path
    files = {"draft": (FAIL.name, FAIL.read_bytes(), "text/plain")}
    r = client.post("/check", files=files)
    assert r.status_code == 200
    assert list(spool.iterdir()) == []  # nothing kept
    page = r.text
    assert "wpscheck-serve" not in page
    assert str(spool) not in page
    (here / FAIL.name).write_bytes(FAIL.read_bytes())
    code, report_html, _ = cli("check", FAIL.name, "--format", "html")
    assert code == 1
    bar = re.search(r'<nav class="wps-serve-bar".*?</nav>\n', page, re.S)
    style = re.search(r"<style>\n\.wps-serve-bar.*?</style>\n", page, re.S)
    assert bar is not None
    assert style is not None
    # the page is the CLI's report, with the bar and its style added
    assert page.replace(bar.group(0), "", 1).replace(style.group(0), "", 1) == report_html
    got = _downloads(page)
    assert sorted(got) == ["docx", "json", "md"]
    for kind, fmt in (("md", "markdown"), ("json", "json")):
        _, text, _ = cli("check", FAIL.name, "--format", fmt)
        name, data = got[kind]
        assert name == f"sanctions-fail-report.{kind}"
        assert data.decode("utf-8") == text
        r = client.post(f"/download/{kind}", files=files)
        assert r.status_code == 200
        assert r.content == data
        assert r.headers["content-disposition"] == (
            f"attachment; filename=\"{name}\"; filename*=UTF-8''{name}"
        )
    cli("annotate", FAIL.name, "-o", "out.docx")
    assert got["docx"] == ("sanctions-fail-annotated.docx", (here / "out.docx").read_bytes())
    r = client.post("/download/docx", files=files)
    assert r.status_code == 200
    assert r.headers["content-type"] == DOCX
    assert r.content == got["docx"][1]
    assert list(spool.iterdir()) == []


def test_a_word_draft_keeps_its_tracked_changes_in_the_annotated_copy(client: TestClient) -> None:
    r = client.post("/download/docx", files={"draft": (TRACKED.name, TRACKED.read_bytes())})
    assert r.status_code == 200
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        body = z.read("word/document.xml").decode("utf-8")
        comments = z.read("word/comments.xml").decode("utf-8")
    assert "<w:ins " in body or "<w:del " in body
    assert 'w:author="wpscheck"' in comments


def test_the_last_resolution_adds_its_retention_pack_as_against_does(
    client: TestClient,
    spool: Path,
    tmp_path: Path,
    cli: Cli,
) -> None:
    files = {
        "draft": (DRAFT.name, DRAFT.read_bytes()),
        "last": (LAST.name, LAST.read_bytes()),
    }
    r = client.post("/download/json", files=files, data={"symbol": "S/RES/1 (2021)"})
    assert r.status_code == 200
    assert list(spool.iterdir()) == []
    for p in (DRAFT, LAST):
        (tmp_path / p.name).write_bytes(p.read_bytes())
    a = ("check", DRAFT.name, "--against", LAST.name, "--symbol", "S/RES/1 (2021)")
    _, text, _ = cli(*a, "--format", "json")
    assert r.text == text
    assert "wpscheck-serve" not in r.text
    only = client.post(
        "/download/json", files=files, data={"packs": "chosen", "symbol": "S/RES/1 (2021)"}
    ).json()
    derived = [p["id"] for p in r.json()["summary"]["packs"] if p["id"] not in SHIPPED]
    assert len(derived) == 1
    assert [p["id"] for p in only["summary"]["packs"]] == derived


def test_one_ticked_pack_is_the_only_one_used(client: TestClient) -> None:
    files = {"draft": (FAIL.name, FAIL.read_bytes())}
    r = client.post("/download/json", files=files, data={"packs": "chosen", "pack": "mali-law-052"})
    assert r.status_code == 200
    assert sorted({p["id"] for p in r.json()["summary"]["packs"]}) == ["mali-law-052"]


def test_an_unknown_pack_and_no_pack_at_all(client: TestClient) -> None:
    files = {"draft": (FAIL.name, FAIL.read_bytes())}
    r = client.post("/check", files=files, data={"packs": "chosen", "pack": "mali-law-05"})
    assert r.status_code == 400
    assert _message(r.text) == 'unknown pack "mali-law-05" (did you mean "mali-law-052"?)'
    r = client.post("/check", files=files, data={"packs": "chosen"})
    assert r.status_code == 400
    assert _message(r.text) == (
        "nothing to check the draft against: tick a shipped pack or give the last resolution"
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.txt", b""),
        ("notes.xyz", b"some notes"),
        ("draft.docx", b"This is plain text saved with a .docx name"),
        ("bomb.docx", _zip({"word/document.xml": b"\0" * 5_000_000})),
        (
            "entities.docx",
            _zip({"word/document.xml": b'<!DOCTYPE x [<!ENTITY a "aa">]><x>&a;</x>'}),
        ),
        ("scan.pdf", b"%PDF-1.4 not really"),
        ("binary.txt", b"\x00\x01\x02\x03" * 10),
    ],
)
def test_a_bad_file_gets_the_clis_message_on_the_page(
    client: TestClient,
    spool: Path,
    tmp_path: Path,
    cli: Cli,
    name: str,
    data: bytes,
) -> None:
    (tmp_path / name).write_bytes(data)
    code, _, err = cli("check", name)
    assert code == 2
    for route in ("/check", "/download/docx"):
        r = client.post(route, files={"draft": (name, data)})
        assert r.status_code == 400
        assert r.headers["content-type"] == "text/html; charset=utf-8"
        assert f"error: {_message(r.text)}\n" == err
        assert "Traceback" not in r.text
    assert list(spool.iterdir()) == []


def test_the_zip_bomb_and_entities_are_refused_by_name(client: TestClient) -> None:
    bomb = _zip({"word/document.xml": b"\0" * 5_000_000})
    r = client.post("/check", files={"draft": ("bomb.docx", bomb)})
    assert _message(r.text) == (
        "bomb.docx: word/document.xml would expand 1,025 times (to 5,000,000 bytes); "
        "refused as a zip bomb"
    )
    ent = _zip({"word/document.xml": b'<!DOCTYPE x [<!ENTITY a "aa">]><x>&a;</x>'})
    r = client.post(
        "/check", files={"last": ("e.docx", ent), "draft": (FAIL.name, FAIL.read_bytes())}
    )
    assert r.status_code == 400
    assert (
        _message(r.text)
        == "e.docx: word/document.xml declares a document type or entities; refused"
    )


def test_too_large_a_draft_is_413_with_the_readers_message(client: TestClient, spool: Path) -> None:
    data = b"a" * (MAX_DRAFT_BYTES + 1)
    r = client.post("/check", files={"draft": ("big.txt", data)})
    assert r.status_code == 413
    assert _message(r.text) == (
        "big.txt: 10,485,761 bytes is larger than the 10,485,760-byte limit for a draft "
        "(Security Council drafts are well under 1 MB); is this the right file?"
    )
    assert list(spool.iterdir()) == []


def test_too_large_an_upload_is_refused_before_it_is_read(client: TestClient) -> None:
    data = b"a" * (BODY_LIMIT + 1)
    r = client.post("/check", files={"draft": ("huge.txt", data)})
    assert r.status_code == 413
    length = int(r.request.headers["content-length"])
    assert _message(r.text) == (
        f"{length:,} bytes is larger than the {BODY_LIMIT:,}-byte limit for an upload (two "
        "drafts of at most 10 MiB each); is this the right file?"
    )


def test_a_body_without_length_is_cut_at_the_limit(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        boundary = b'--x\r\nContent-Disposition: form-data; name="draft"; filename="a.txt"\r\n\r\n'
        yield boundary
        for _ in range(BODY_LIMIT // (1 << 20) + 2):
            yield b"a" * (1 << 20)

    r = client.post(
        "/check",
        content=chunks(),
        headers={"content-type": "multipart/form-data; boundary=x"},
    )
    assert r.status_code == 413
    assert _message(r.text) == (
        f"the upload is larger than the {BODY_LIMIT:,}-byte limit for an upload (two drafts "
        "of at most 10 MiB each); is this the right file?"
    )


def test_no_draft_and_a_wrong_route(client: TestClient) -> None:
    r = client.post("/check", data={"symbol": "x"})
    assert r.status_code == 400
    assert (
        _message(r.text)
        == "no draft given: choose a .docx, .pdf, .txt or .md file of at most 10 MiB"
    )
    r = client.post("/download/pdf", files={"draft": (FAIL.name, FAIL.read_bytes())})
    assert r.status_code == 404
    assert _message(r.text) == 'no download "pdf" (valid: docx, json, md)'
    assert client.get("/check").status_code == 405


def test_another_host_header_is_refused() -> None:
    local = TestClient(create_app(), base_url="http://127.0.0.1:8750")
    assert local.get("/").status_code == 200
    rebound = TestClient(create_app(), base_url="http://attacker.example")
    assert rebound.get("/").status_code == 400


@pytest.mark.parametrize(
    ("given", "safe"),
    [
        ("draft.docx", "draft.docx"),
        ("C:\\Users\\me\\Desktop\\draft 2.docx", "draft 2.docx"),
        ("../../etc/passwd.txt", "passwd.txt"),
        (".hidden.md", "hidden.md"),
        ('a"b<c>.txt', "a_b_c_.txt"),
    ],
)
def test_upload_names_lose_their_folders(given: str, safe: str) -> None:
    assert safe_name(given, "draft") == safe


def test_binding_elsewhere_warns_what_it_exposes() -> None:
    assert exposure_warning("127.0.0.1", 8750) is None
    assert exposure_warning("localhost", 8750) is None
    assert exposure_warning("0.0.0.0", 9000) == (
        "warning: serving on 0.0.0.0:9000, not 127.0.0.1: anyone who can reach this address "
        "on the network can upload drafts to this computer and read the reports; there is no "
        "password and no encryption (plain HTTP), so drafts and reports cross the network "
        "readable by others. Bind to 127.0.0.1 unless you mean it."
    )


def _busy(host: str) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((host, 0))
    sock.listen()
    return sock


def test_serve_on_a_taken_port_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    with _busy("127.0.0.1") as sock:
        port = sock.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"error: --host 127.0.0.1 --port {port}: cannot listen there (Address already in "
        "use); choose another --port\n"
    )


def test_serve_elsewhere_prints_the_warning_first(capsys: pytest.CaptureFixture[str]) -> None:
    with _busy("0.0.0.0") as sock:
        port = sock.getsockname()[1]
        assert main(["serve", "--host", "0.0.0.0", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        exposure_warning("0.0.0.0", port),
        f"error: --host 0.0.0.0 --port {port}: cannot listen there (Address already in use); "
        "choose another --port",
    ]


@pytest.mark.parametrize(
    ("module", "name"), [("uvicorn", "uvicorn"), ("multipart", "python-multipart")]
)
def test_serve_without_the_web_extra_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], module: str, name: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    assert main(["serve"]) == 2
    assert capsys.readouterr().err == (
        f"error: wpscheck serve needs the web extra ({name} is not installed): install it "
        "with `pip install 'wpscheck[web]'`\n"
    )


def _named(text: str) -> bool:
    return any(c.isalnum() for c in text.replace("\\", "/").split("/")[-1])


@given(st.text(max_size=300).filter(_named))
def test_an_upload_name_is_never_a_path(given_name: str) -> None:
    name = safe_name(given_name, "draft")
    assert "/" not in name
    assert "\\" not in name
    assert not name.startswith((".", " "))
    assert 0 < len(name) <= 111
    assert name == safe_name(name, "draft")


def test_the_2022_draft_against_2531_is_the_clis_report(
    client: TestClient, spool: Path, tmp_path: Path, cli: Cli
) -> None:
    shared = ROOT / ".." / "shared" / "corpus" / "S-RES-2640-2022-draft.txt"
    if not shared.is_file():
        pytest.skip("../shared/corpus/S-RES-2640-2022-draft.txt is absent (the domain material)")
    last = ROOT / "rules" / "baselines" / "S-RES-2531-2020-wps-annex.txt"
    for p in (shared, last):
        (tmp_path / p.name).write_bytes(p.read_bytes())
    files = {"draft": (shared.name, shared.read_bytes()), "last": (last.name, last.read_bytes())}
    data = {"symbol": "S/RES/2531 (2020)"}
    r = client.post("/download/json", files=files, data=data)
    assert r.status_code == 200
    assert list(spool.iterdir()) == []
    a = ("check", shared.name, "--against", last.name, "--symbol", "S/RES/2531 (2020)")
    code, text, _ = cli(*a, "--format", "json")
    assert code == 1
    assert r.text == text
    packs = {p["id"]: p["findings"] for p in r.json()["summary"]["packs"]}
    assert packs["retain-s-res-2531-2020"] == 16  # one per provision of the annex
