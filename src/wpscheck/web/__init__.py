"""``wpscheck serve``: a small local web application for people who do not use a terminal
(extra ``web``: Starlette, uvicorn and python-multipart). See ``docs/web.md``."""

from __future__ import annotations

import socket
import sys
from typing import TYPE_CHECKING

from wpscheck.errors import InputError

if TYPE_CHECKING:
    from starlette.applications import Starlette

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "app", "exposure_warning", "server"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8750

MISSING = "wpscheck serve needs the web extra ({}): install it with `pip install 'wpscheck[web]'`"


def _require() -> None:
    for module, name in (
        ("starlette", "starlette"),
        ("uvicorn", "uvicorn"),
        ("multipart", "python-multipart"),
    ):
        try:
            __import__(module)
        except ImportError:
            raise InputError(MISSING.format(f"{name} is not installed")) from None


def is_local(host: str) -> bool:
    """Whether ``host`` is an address only this computer can reach."""
    return host in ("127.0.0.1", "localhost", "::1", "[::1]") or host.startswith("127.")


def exposure_warning(host: str, port: int) -> str | None:
    """What binding to ``host`` exposes, or ``None`` for this computer only."""
    if is_local(host):
        return None
    return (
        f"warning: serving on {host}:{port}, not 127.0.0.1: anyone who can reach this "
        "address on the network can upload drafts to this computer and read the reports; "
        "there is no password and no encryption (plain HTTP), so drafts and reports cross "
        "the network readable by others. Bind to 127.0.0.1 unless you mean it."
    )


def app(host: str = DEFAULT_HOST) -> Starlette:
    """The application for a server on ``host`` (the Host headers it answers to)."""
    _require()
    from wpscheck.web.app import LOCAL_HOSTS, create_app

    hosts = list(LOCAL_HOSTS) if is_local(host) else ["*"]
    return create_app(
        hosts=hosts,
        where=f"{host}, {'this computer only' if is_local(host) else 'reachable from the network'}",
    )


def server(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> int:
    """Run the server until Ctrl-C; 0 when it stopped, or an error if the port is taken."""
    _require()
    import uvicorn

    warning = exposure_warning(host, port)
    if warning:
        print(warning, file=sys.stderr)
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        raise InputError(
            f"--host {host} --port {port}: cannot listen there ({exc.strerror}); "
            "choose another --port"
        ) from None
    shown = f"[{host.strip('[]')}]" if family == socket.AF_INET6 else host
    print(f"wpscheck serve: open http://{shown}:{port}/ in a browser; Ctrl-C stops it")
    sys.stdout.flush()
    config = uvicorn.Config(app(host), log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])
    return 0
