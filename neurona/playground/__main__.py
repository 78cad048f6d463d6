"""``python -m neurona.playground``: the same as ``neurona playground``."""
import sys

from neurona.playground.command import main

sys.exit(main())
