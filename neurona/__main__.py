"""``python -m neurona``: the main demo (see :mod:`neurona.demo`)."""
from neurona.demo import main

main()
