"""The web application of ``wpscheck serve``: a page to upload a draft (and optionally the
last resolution), the HTML report with the annotated ``.docx``, the Markdown and the JSON to
download, and nothing kept.

Routes:

- ``GET /``: the upload page;
- ``POST /check``: the HTML report, with a bar of download buttons on top (the three files
  are in the page itself as ``data:`` links, so nothing waits on the server);
- ``POST /download/docx``, ``/download/md``, ``/download/json``: the same upload answered
  with one file, as an attachment.

Each upload is written to a :class:`~tempfile.TemporaryDirectory` that is removed before
the response is sent, and read with the readers ``wpscheck check`` uses (the 10 MiB bound
for a draft, the zip-bomb and XML-entity guards of the Word reader). A request body larger
than two drafts is refused with 413 before it is read; a bad file gets the CLI's
one-paragraph message on the page, with 400 (413 when too large).
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template
from tempfile import TemporaryDirectory
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from wpscheck.errors import WpscheckError, did_you_mean
from wpscheck.models import Report, RulePack
from wpscheck.readers import MAX_DRAFT_BYTES
from wpscheck.registry import Registry, registry

__all__ = ["BODY_LIMIT", "LOCAL_HOSTS", "Outcome", "UploadError", "create_app", "run_check"]

#: A request may carry two drafts at the reader's limit, plus the form around them.
BODY_LIMIT = 2 * MAX_DRAFT_BYTES + 256 * 1024
#: The names a browser on this computer uses for the server (the Host header allowed).
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")
SUFFIXES = (".docx", ".pdf", ".txt", ".md")

_ASGIApp = Callable[
    [MutableMapping[str, Any], Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]],
    Awaitable[None],
]

_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
}

_DOWNLOADS = {
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "-annotated.docx",
        "the annotated .docx",
    ),
    "md": ("text/markdown; charset=utf-8", "-report.md", "Markdown"),
    "json": ("application/json", "-report.json", "JSON"),
}


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):g} MiB"


class UploadError(Exception):
    """What was wrong with an upload: the one-paragraph message and the HTTP status."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class _TooLarge(Exception):
    pass


@dataclass(frozen=True)
class Upload:
    """A file as uploaded: its name (made safe) and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Outcome:
    """A checked draft: the report and every rendering of it."""

    report: Report
    stem: str
    html: str
    markdown: str
    json: str
    docx: bytes

    def file(self, kind: str) -> bytes:
        if kind == "docx":
            return self.docx
        return (self.markdown if kind == "md" else self.json).encode("utf-8")


def safe_name(filename: str | None, role: str) -> str:
    """The base name of an uploaded file, without folders or characters a path could misuse."""
    base = re.split(r"[\\/]", filename or "")[-1].strip()
    base = re.sub(r"[^\w.()\- ]+", "_", base).lstrip(". ")
    if not base:
        raise UploadError(
            f"no {role} given: choose a .docx, .pdf, .txt or .md file of at most "
            f"{_mib(MAX_DRAFT_BYTES)}"
        )
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        return base[:100].rstrip()
    return f"{stem[:100]}.{suffix[:10]}".rstrip()


def run_check(
    draft: Upload,
    packs: Sequence[RulePack],
    *,
    last: Upload | None = None,
    symbol: str | None = None,
    reg: Registry | None = None,
) -> Outcome:
    """Check ``draft`` (and retention against ``last``) as ``wpscheck check`` does, in a
    temporary folder removed before this returns. Raises :class:`UploadError`."""
    from wpscheck.against import against_pack, combine
    from wpscheck.annotate import annotate
    from wpscheck.api import render
    from wpscheck.engine import check
    from wpscheck.loading import load_document

    reg = reg or registry()
    with TemporaryDirectory(prefix="wpscheck-serve-") as tmp:
        folders = {role: Path(tmp) / role for role in ("draft", "last")}
        try:
            path = _write(folders["draft"], draft)
            used = list(packs)
            if last is not None:
                derived = against_pack(_write(folders["last"], last), symbol=symbol or None)
                used = combine(used, derived)
            if not used:
                raise UploadError(
                    "nothing to check the draft against: tick a shipped pack or give the "
                    "last resolution"
                )
            document = load_document(path, reg=reg).model_copy(update={"path": draft.name})
            report = check([document], used, reg=reg, inputs=[draft.name])
            docx = annotate(path, report, document)
            texts = [render(report, f, reg=reg) for f in ("html", "markdown", "json")]
        except WpscheckError as exc:
            message = str(exc)
            for folder in folders.values():
                message = message.replace(f"{folder.resolve().as_posix()}/", "")
                message = message.replace(f"{folder.as_posix()}/", "")
            too_large = max(len(draft.data), len(last.data) if last else 0) > MAX_DRAFT_BYTES
            raise UploadError(message, 413 if too_large else 400) from None
    stem = draft.name.rpartition(".")[0] or draft.name
    return Outcome(report, stem, texts[0], texts[1], texts[2], docx)


def _write(folder: Path, upload: Upload) -> Path:
    folder.mkdir()
    path = folder / upload.name
    path.write_bytes(upload.data)
    return path


# --------------------------------------------------------------------------- pages


def _asset(name: str) -> str:
    return resources.files("wpscheck.web").joinpath(name).read_text(encoding="utf-8")


def upload_page(packs: Sequence[RulePack], where: str, error: UploadError | None = None) -> str:
    """The upload page (with ``error`` said above the form)."""
    boxes = "".join(
        f'<label><input type="checkbox" name="pack" value="{html.escape(p.id)}" checked> '
        f"{html.escape(p.title)} <code>{html.escape(p.id)}</code></label>\n"
        for p in packs
    )
    shown = ""
    if error is not None:
        shown = (
            '<div class="error" role="alert"><strong>The draft could not be checked.</strong>'
            f"<p>{html.escape(error.message)}</p></div>\n"
        )
    return Template(_asset("page.html")).substitute(
        css=_asset("page.css"),
        error=shown,
        limit=_mib(MAX_DRAFT_BYTES),
        packs=f'<input type="hidden" name="packs" value="chosen">\n{boxes}',
        where=html.escape(where),
    )


def report_page(outcome: Outcome) -> str:
    """The HTML report with a bar on top: the three downloads, and "check another"."""
    links = []
    for kind, (media, suffix, label) in _DOWNLOADS.items():
        data = base64.b64encode(outcome.file(kind)).decode("ascii")
        media_type = media.split(";")[0]
        links.append(
            f'<a class="wps-serve-{kind}" download="{html.escape(outcome.stem + suffix)}" '
            f'href="data:{media_type};base64,{data}">Download {label}</a>'
        )
    bar = (
        '<nav class="wps-serve-bar" aria-label="downloads"><span>wpscheck serve</span>'
        + "".join(links)
        + '<a class="wps-serve-again" href="/">Check another draft</a></nav>\n'
    )
    page = outcome.html.replace("</head>", f"<style>\n{_asset('bar.css')}</style>\n</head>", 1)
    return page.replace("<body>\n", f"<body>\n{bar}", 1)


# --------------------------------------------------------------------------- the app


class _BodyLimit:
    """Refuses a request body larger than ``limit`` bytes: by its Content-Length at once,
    and while it is read (for a body without one)."""

    def __init__(self, app: _ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(
        self,
        scope: MutableMapping[str, Any],
        receive: Callable[[], Awaitable[Any]],
        send: Callable[[Any], Awaitable[None]],
    ) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        seen = 0

        async def limited() -> Any:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        await self.app(scope, limited, send)


def _too_large_message(length: int | None = None) -> UploadError:
    size = f"{length:,} bytes is" if length is not None else "the upload is"
    return UploadError(
        f"{size} larger than the {BODY_LIMIT:,}-byte limit for an upload (two drafts of at "
        f"most {_mib(MAX_DRAFT_BYTES)} each); is this the right file?",
        413,
    )


async def _file(form: Any, field: str) -> Upload | None:
    item = form.get(field)
    if not isinstance(item, UploadFile) or not item.filename:
        return None
    return Upload(safe_name(item.filename, field), await item.read())


def create_app(
    packs: Sequence[RulePack] | None = None,
    *,
    hosts: Sequence[str] = LOCAL_HOSTS,
    where: str = "127.0.0.1",
    reg: Registry | None = None,
) -> Starlette:
    """The application: ``packs`` offered on the page (the shipped ones by default);
    requests only for ``hosts`` (the Host header; ``"*"`` for any)."""
    from wpscheck.loading import shipped_packs

    reg = reg or registry()
    offered = list(shipped_packs(reg) if packs is None else packs)
    by_id = {p.id: p for p in offered}

    def page(error: UploadError | None = None) -> HTMLResponse:
        status = error.status if error else 200
        return HTMLResponse(upload_page(offered, where, error), status, headers=_HEADERS)

    async def read(request: Request) -> Outcome:
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > BODY_LIMIT:
            raise _too_large_message(int(length))
        try:
            async with request.form(max_files=2, max_fields=len(offered) + 8) as form:
                draft = await _file(form, "draft")
                last = await _file(form, "last")
                symbol = str(form.get("symbol") or "").strip()
                chosen = [str(v) for v in form.getlist("pack")]
                picked = "packs" in form
        except _TooLarge:
            raise _too_large_message() from None
        except HTTPException as exc:
            raise UploadError(f"the upload could not be read: {exc.detail}") from None
        if draft is None:
            safe_name(None, "draft")
        assert draft is not None
        for pid in chosen:
            if pid not in by_id:
                raise UploadError(f'unknown pack "{pid}"{did_you_mean(pid, by_id)}')
        use = [by_id[p] for p in chosen] if picked else offered
        return await run_in_threadpool(run_check, draft, use, last=last, symbol=symbol, reg=reg)

    async def home(request: Request) -> Response:
        return page()

    async def checked(request: Request) -> Response:
        try:
            outcome = await read(request)
        except UploadError as exc:
            return page(exc)
        return HTMLResponse(report_page(outcome), headers=_HEADERS)

    async def download(request: Request) -> Response:
        kind = request.path_params["kind"]
        if kind not in _DOWNLOADS:
            return page(UploadError(f'no download "{kind}"{did_you_mean(kind, _DOWNLOADS)}', 404))
        try:
            outcome = await read(request)
        except UploadError as exc:
            return page(exc)
        media, suffix, _ = _DOWNLOADS[kind]
        name = outcome.stem + suffix
        ascii_name = name.encode("ascii", "replace").decode("ascii").replace("?", "_")
        disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
        headers = {**_HEADERS, "Content-Disposition": disposition}
        return Response(outcome.file(kind), media_type=media, headers=headers)

    app = Starlette(
        routes=[
            Route("/", home, methods=["GET"]),
            Route("/check", checked, methods=["POST"]),
            Route("/download/{kind}", download, methods=["POST"]),
        ],
        middleware=[
            Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts)),
            Middleware(_BodyLimit, limit=BODY_LIMIT),
        ],
    )
    return app
