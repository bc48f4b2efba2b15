"""``python -m casedu`` runs the command line."""

from casedu.cli import main

raise SystemExit(main())
