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
import gc
import os
import signal
from pathlib import Path
from typing import Any

__all__ = ["COLLECTOR", "PAGES_AT_ONCE", "WORKER_APP", "log_config", "name_the_store", "serve",
           "served_app", "tune_the_collector", "worker_app"]

#: How uvicorn finds the app of each worker (a factory: called once in each).
WORKER_APP = "casedu.web.serving:worker_app"
#: The environment variables that name a worker's store (as the command line reads them).
DATABASE, PREFIX, SCHEMA = "CASEDU_DATABASE_URL", "CASEDU_TABLE_PREFIX", "CASEDU_DATABASE_SCHEMA"
#: How many pages a process of ``casedu serve`` runs at once, each in a thread
#: (:attr:`WebSettings.threads`), the others waiting their turn: fewer than the connections the
#: store keeps open (SQLAlchemy's pool keeps 5), so that a page never opens one of its own,
#: and a page waiting on the database leaves the processor to three others (docs/web.md).
PAGES_AT_ONCE = 4
#: The collector's thresholds in a process of ``casedu serve`` (Python's: 700, 10, 10): a page
#: makes tens of thousands of objects that its end frees by their counts, and a young
#: collection every 700 of them took about a tenth of the server's processor time
#: (docs/performance.md, "The serving stack").
COLLECTOR = (50_000, 20, 100)


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


def served_app(store_or_url: Any) -> Any:
    """The app ``casedu serve`` serves over a store (or a workspace or URL to open): at most
    :data:`PAGES_AT_ONCE` pages at once."""
    from casedu.web import WebSettings, create_app

    return create_app(store_or_url, settings=WebSettings(threads=PAGES_AT_ONCE))


def tune_the_collector() -> None:
    """Set this process's collector for serving pages (:data:`COLLECTOR`): what a process of
    ``casedu serve`` does before it takes requests."""
    gc.set_threshold(*COLLECTOR)


def worker_app() -> Any:
    """The app of one worker, over the store the environment names (its connections closed
    when the worker ends), with the collector set for serving (:func:`tune_the_collector`)."""
    from casedu.store import open_store
    from casedu.web.portal import compile_templates

    store = open_store(os.environ.get(DATABASE) or None, prefix=os.environ.get(PREFIX, ""),
                       schema=os.environ.get(SCHEMA) or None)
    atexit.register(store.close)
    app = served_app(store)
    compile_templates()  # before the worker takes its first request
    tune_the_collector()
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
    else:  # the app runs in this process
        compile_templates()  # before the first request
        tune_the_collector()
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
