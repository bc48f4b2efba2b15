"""Serving the pages with uvicorn (``casedu serve``) until Ctrl+C or a SIGTERM."""

from __future__ import annotations

import signal
from typing import Any

__all__ = ["serve"]


def serve(app: Any, *, host: str, port: int, proxy_headers: bool = False,
          forwarded_allow_ips: str = "127.0.0.1", root_path: str = "") -> None:
    """Serve ``app`` on ``host:port``; return once the server stopped gracefully.
    ``proxy_headers``: believe a proxy's ``X-Forwarded-*`` (from ``forwarded_allow_ips``)."""
    import uvicorn

    # uvicorn stops gracefully on SIGINT and SIGTERM, then raises the signal again: as an
    # exception both, so that whoever called this cleans up on the way out
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        uvicorn.run(app, host=host, port=port, proxy_headers=proxy_headers,
                    forwarded_allow_ips=forwarded_allow_ips, root_path=root_path,
                    log_level="info")
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
