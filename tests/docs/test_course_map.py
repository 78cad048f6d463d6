"""docs/course.md and docs/curso.md: every path, name and command they give exists in this checkout.

Commands are parsed by the real parsers without running: ``neurona ...`` by the
command's own parser (and its preset must exist), ``python examples/X.py --opt`` by
the script's options, ``python -m pytest PATH::TEST`` by the test files.
"""
import re
import shlex
from pathlib import Path

import pytest

from neurona.cli.parser import build_parser
from neurona.cli.presets import PRESETS

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "docs" / "course.md", ROOT / "docs" / "curso.md"]
PATH_PREFIXES = ("neurona/", "examples/", "tests/", "docs/", "README.md", "benchmarks/")
IDENTIFIER = re.compile(r"^[A-Za-z_]\w*$")


def _cells(page: Path) -> list[str]:
    return [cell for line in page.read_text(encoding="utf-8").splitlines() if line.startswith("|")
            for cell in line.strip("|").split("|")]


def _code(text: str) -> list[str]:
    return re.findall(r"`([^`]+)`", text)


def _source(path: Path) -> str:
    files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


def check_command(command: str) -> None:
    words = shlex.split(command)
    if words[0] == "neurona":
        args = build_parser().parse_args(words[1:])            # exits (fails the test) on an unknown option
        if args.command == "train":
            assert args.recipe in PRESETS, f"{command}: no preset {args.recipe!r}"
    elif words[:3] == ["python", "-m", "pytest"]:
        for target in words[3:]:
            path, _, test = target.partition("::")
            assert (ROOT / path).exists(), f"{command}: no {path}"
            assert not test or f"def {test}(" in (ROOT / path).read_text(), f"{command}: no test {test}"
    elif words[0] == "python" and words[1].startswith("examples/"):
        script = ROOT / words[1]
        assert script.is_file(), f"{command}: no {words[1]}"
        for option in (w for w in words[2:] if w.startswith("--")):
            assert f'"{option}"' in script.read_text(), f"{command}: {words[1]} has no option {option}"
    else:
        raise AssertionError(f"not a command this test knows how to check: {command}")


def check_cell(cell: str) -> int:
    """Check the code spans of one table cell; return how many were checked."""
    checked, last_path = 0, None
    for code in _code(cell):
        if code.startswith(("neurona ", "python ")) or code == "neurona":
            check_command(code)
        elif code.startswith(PATH_PREFIXES):
            last_path = ROOT / code
            assert last_path.exists(), f"no such path: {code}"
        elif IDENTIFIER.match(code) and last_path is not None and last_path.suffix != ".md":
            assert re.search(rf"\b{code}\b", _source(last_path)), f"{code} is not in {last_path.relative_to(ROOT)}"
        else:
            continue
        checked += 1
    return checked


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_every_path_name_and_command_exists(page):
    assert sum(check_cell(cell) for cell in _cells(page)) >= 60


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_every_course_topic_has_a_row(page):
    text = page.read_text(encoding="utf-8").lower()
    topics = {"course.md": ["linear regression", "logistic regression", "softmax regression", "backpropagation",
                            "activations", "mlp", "optimizers", "regularization", "entropy", "mnist", "text (nlp)",
                            "convolutional", "lstm", "autoencoders", "gans", "playground"],
              "curso.md": ["regresión lineal", "regresión logística", "regresión softmax", "retropropagación",
                           "activación", "perceptrón multicapa", "optimizadores", "regularización", "entropía",
                           "mnist", "texto (pln)", "convolucionales", "lstm", "autocodificadores", "gan",
                           "playground"]}[page.name]
    assert not [topic for topic in topics if topic not in text]


def test_both_languages_name_the_same_paths_and_commands():
    english, spanish = ({code for cell in _cells(page) for code in _code(cell)
                         if code.startswith(("neurona", "python ", *PATH_PREFIXES))} for page in PAGES)
    assert english == spanish


def test_the_check_can_fail():
    with pytest.raises(AssertionError):
        check_cell("`neurona/no_such_module.py`")
    with pytest.raises(AssertionError):
        check_cell("`neurona/info.py` (`no_such_function`)")
    with pytest.raises(AssertionError):
        check_cell("`neurona train no-such-preset`")
    with pytest.raises(AssertionError):
        check_cell("`python examples/line_gd.py --no-such-option`")
    with pytest.raises(AssertionError):
        check_cell("`python -m pytest tests/test_info.py::test_no_such_test`")
