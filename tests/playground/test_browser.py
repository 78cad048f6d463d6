"""End to end in a real browser: Playwright drives Debian's Chromium through a spiral run, then the exported
script reproduces it. The frame rate and training speed seen by the page are printed (run with ``-s``)."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install playwright")
CHROMIUM = os.environ.get("NEURONA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"Chromium not found at {CHROMIUM}: apt-get install chromium (or set NEURONA_CHROMIUM)",
                allow_module_level=True)

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "docs" / "images" / "playground.png"
TARGET_LOSS = 0.1
TIME_LIMIT_MS = 180_000  # fail, rather than hang, if the run never gets there

NOT_BLANK = """(selector) => [...document.querySelectorAll(selector)].map((canvas) => {
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  const colours = new Set();
  for (let i = 0; i < data.length; i += 4) colours.add(data[i] << 16 | data[i + 1] << 8 | data[i + 2]);
  return colours.size;
})"""


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def hidden_units(page, layer: int) -> int:
    return page.locator("#columns .column").nth(layer + 1).locator(".node").count()


def set_units(page, layer: int, units: int) -> None:
    while (now := hidden_units(page, layer)) != units:
        column = page.locator("#columns .column").nth(layer + 1)
        column.get_by_title("Add a neuron" if now < units else "Remove a neuron").click()
        page.wait_for_function(f"() => document.querySelectorAll('#columns .column')[{layer + 1}]"
                               f".querySelectorAll('.node').length === {now + (1 if now < units else -1)}")


def set_up_spiral(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("() => window.playgroundStats.framesDrawn > 0")
    page.click("#datasets button[data-dataset=spiral]")
    for layer in (0, 1):
        set_units(page, layer, 8)
    for feature in ("sin_x1", "sin_x2"):
        page.click(f".feature[data-feature={feature}] .node")
        page.wait_for_selector(f".feature[data-feature={feature}]:not(.off)")
    page.select_option("#learning_rate", "0.1")
    page.wait_for_function("() => location.hash.includes('learning_rate=0.1')")


def speed(page, seconds: float = 3.0) -> tuple[float, float, float]:
    """Frames drawn and epochs trained per second, as the page saw them, and the milliseconds a draw takes."""
    before = page.evaluate("({...window.playgroundStats, now: performance.now()})")
    page.wait_for_timeout(seconds * 1000)
    after = page.evaluate("({...window.playgroundStats, now: performance.now()})")
    elapsed = (after["now"] - before["now"]) / 1000
    frames = after["framesDrawn"] - before["framesDrawn"]
    draw_ms = (after["drawMs"] - before["drawMs"]) / max(frames, 1)
    return frames / elapsed, (after["epoch"] - before["epoch"]) / elapsed, draw_ms


def run_script(path: Path) -> float:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    return float(re.search(r"test loss ([0-9.]+)", done.stdout).group(1))


def test_a_spiral_run_in_chromium_and_its_exported_script(server, browser, tmp_path):
    url, _ = server
    page = browser.new_page(viewport={"width": 1280, "height": 760}, accept_downloads=True)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    set_up_spiral(page, url)
    assert re.search(r"dataset=spiral.*features=x1%2Cx2%2Csin_x1%2Csin_x2.*hidden=8%2C8", page.url)

    twin = browser.new_page()  # the URL alone rebuilds the set-up
    twin.goto(page.url)
    twin.wait_for_function("() => window.playgroundStats.framesDrawn > 0")
    assert [hidden_units(twin, 0), hidden_units(twin, 1)] == [8, 8]
    assert twin.input_value("#learning_rate") == "0.1"
    twin.close()

    page.click("#play")
    page.wait_for_function("() => window.playgroundStats.epoch > 0")
    fps, epochs_per_second, draw_ms = speed(page)
    page.wait_for_function(f"() => window.playgroundStats.testLoss < {TARGET_LOSS}", timeout=TIME_LIMIT_MS)
    page.click("#play")
    page.wait_for_function("() => !document.querySelector('#play').classList.contains('playing')")
    page.wait_for_timeout(200)
    stats = page.evaluate("window.playgroundStats")
    print(f"\nbrowser: {fps:.1f} frames/s drawn ({draw_ms:.1f} ms a draw), {epochs_per_second:.0f} epochs/s while training "
          f"(spiral, 4 features, 8-8 tanh, batch 10); test loss {stats['testLoss']:.4f} at epoch {stats['epoch']}")

    assert min(page.evaluate(NOT_BLANK, "#heatmap, #loss-chart")) > 20
    assert page.evaluate(NOT_BLANK, ".feature.off .node canvas") == [1, 1, 1]  # x₁², x₂², x₁x₂ are off
    fields = page.evaluate(NOT_BLANK, ".feature:not(.off) .node canvas, .column > .node canvas")
    assert len(fields) == 4 + 8 + 8 + 1 and min(fields) >= 32  # inputs, hidden units, output: each a field
    assert page.locator("#links line").count() == 4 * 8 + 8 * 8 + 8
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))

    with page.expect_download() as download:
        page.click("#export-code")
    script = tmp_path / download.value.suggested_filename
    download.value.save_as(script)
    assert script.name == "playground_spiral.py"
    script_loss = run_script(script)
    assert script_loss < TARGET_LOSS
    assert script_loss == pytest.approx(stats["testLoss"], rel=1e-4, abs=1e-6)

    with page.expect_download() as download:
        page.click("#export-model")
    assert download.value.suggested_filename.endswith(".neurona")
    assert not errors, errors
    page.close()
