"""The portal's pages in a browser (``pip install 'casedu[web]'``): every menu of the manual
over the same workflow operations as the library and the command line, on the same store.

:func:`create_app` makes the ASGI application; ``casedu serve`` serves it with uvicorn. The
pages are rendered on the server and work without JavaScript; see docs/web.md.
"""

from casedu.web.app import create_app
from casedu.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
