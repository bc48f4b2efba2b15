"""Serving the pages with uvicorn (``casedu serve``) until Ctrl+C or a SIGTERM, in one process or
in several workers.

A worker is a process of its own that makes its own app (uvicorn starts it from the import
string :data:`WORKER_APP`), so the store it opens is named by the environment it inherits:
:func:`name_the_store` sets ``CASEDU_DATABASE_URL`` (a URL or a workspace file),
``CASEDU_TABLE_PREFIX`` and ``CASEDU_DATABASE_SCHEMA`` before the workers start. Everything
the pages keep between two requests is in the store (the sessions) or in a folder the workers
share (an upload waiting for 确认导入), so any worker answers any request.
"""

from __future__ import annotations

import atexit
import copy
import os
import signal
from pathlib import Path
from typing import Any

__all__ = ["WORKER_APP", "log_config", "name_the_store", "serve", "worker_app"]

#: How uvicorn finds the app of each worker (a factory: called once in each).
WORKER_APP = "casedu.web.serving:worker_app"
#: The environment variables that name a worker's store (as the command line reads them).
DATABASE, PREFIX, SCHEMA = "CASEDU_DATABASE_URL", "CASEDU_TABLE_PREFIX", "CASEDU_DATABASE_SCHEMA"


def log_config() -> dict[str, Any]:
    """uvicorn's logging configuration with casedu's events beside its own: on standard error,
    from INFO (a refusal, and the cause of a 500 page with its traceback). uvicorn applies it
    in its own process and in each worker it starts, so whatever process answered a page, its
    errors are in the server's log."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["casedu"] = {"()": "uvicorn.logging.DefaultFormatter",
                                      "fmt": "%(levelprefix)s %(name)s: %(message)s"}
    config["handlers"]["casedu"] = {"formatter": "casedu", "class": "logging.StreamHandler",
                                    "stream": "ext://sys.stderr"}
    config["loggers"]["casedu"] = {"handlers": ["casedu"], "level": "INFO",
                                   "propagate": False}
    return config


def name_the_store(target: str | os.PathLike[str], *, prefix: str = "",
                   schema: str | None = None) -> None:
    """Name the store in this process's environment, for the workers it starts."""
    os.environ[DATABASE] = str(Path(target).resolve()) if isinstance(target, Path) \
        else str(target)
    os.environ[PREFIX] = prefix
    if schema:
        os.environ[SCHEMA] = schema
    else:
        os.environ.pop(SCHEMA, None)


def worker_app() -> Any:
    """The app of one worker, over the store the environment names (its connections closed
    when the worker ends)."""
    from casedu.store import open_store
    from casedu.web import create_app
    from casedu.web.portal import compile_templates

    store = open_store(os.environ.get(DATABASE) or None, prefix=os.environ.get(PREFIX, ""),
                       schema=os.environ.get(SCHEMA) or None)
    atexit.register(store.close)
    app = create_app(store)
    compile_templates()  # before the worker takes its first request
    return app


def serve(app: Any, *, host: str, port: int, proxy_headers: bool = False,
          forwarded_allow_ips: str = "127.0.0.1", root_path: str = "",
          workers: int = 1) -> None:
    """Serve ``app`` on ``host:port``; return once the server stopped gracefully.
    ``proxy_headers``: believe a proxy's ``X-Forwarded-*`` (from ``forwarded_allow_ips``).
    ``workers`` over 1: ``app`` is the import string of a factory (:data:`WORKER_APP`), and
    uvicorn starts that many processes, each with its app, on one listening socket."""
    import uvicorn

    from casedu.web.portal import compile_templates

    options: dict[str, Any] = {}
    if workers > 1:
        if not isinstance(app, str):
            raise TypeError("several workers make their app from an import string")
        options = {"workers": workers, "factory": True}
    else:
        compile_templates()  # before the first request
    # uvicorn stops gracefully on SIGINT and SIGTERM, then raises the signal again: as an
    # exception both, so that whoever called this cleans up on the way out (with workers, the
    # supervisor takes both signals itself, stops its workers and returns)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        uvicorn.run(app, host=host, port=port, proxy_headers=proxy_headers,
                    forwarded_allow_ips=forwarded_allow_ips, root_path=root_path,
                    log_level="info", log_config=log_config(), **options)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
