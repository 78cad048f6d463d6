"""matplotlib loads only when a figure is drawn; headless runs get Agg unless the user chose a backend."""
import os
import subprocess
import sys

import pytest


def run(code: str, **env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "MPLBACKEND")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env={**environ, **env})
    return result.stdout.strip()


def test_importing_neurona_or_its_plot_package_loads_no_matplotlib():
    code = "import sys, neurona, neurona.plot; print('matplotlib' in sys.modules)"
    assert run(code) == "False"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the display check is for Linux")
def test_headless_drawing_uses_agg():
    code = "import matplotlib; from neurona.plot import learning_curves; learning_curves({'loss': [1, 0.5]}); print(matplotlib.get_backend())"
    assert run(code).lower() == "agg"


def test_a_backend_chosen_by_the_user_is_kept():
    code = ("import matplotlib; matplotlib.use('svg'); from neurona.plot import learning_curves; "
            "learning_curves({'loss': [1, 0.5]}); print(matplotlib.get_backend())")
    assert run(code) == "svg"
    code = "import matplotlib; from neurona.plot import learning_curves; learning_curves({'loss': [1, 0.5]}); print(matplotlib.get_backend())"
    assert run(code, MPLBACKEND="pdf") == "pdf"
