"""``python -m neurona``: the ``neurona`` command (see :mod:`neurona.cli`); the demo by default."""
from neurona.cli import main

raise SystemExit(main())
