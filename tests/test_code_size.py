"""Functions stay short and simple, modules of modest size, in app/, storage/ and exporters/.

Limits: 60 lines and a cyclomatic complexity of 15 per function (radon's measure); 400 lines per
module, except the Word and PDF writers, whose pieces read best together.
"""

from pathlib import Path

from radon.complexity import cc_visit
from radon.visitors import Class

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES, MAX_COMPLEXITY, MAX_MODULE = 60, 15, 400
LONG_MODULES_ALLOWED = {"exporters/docx_writer.py", "exporters/pdf_writer.py"}


def functions(source: str):
    for block in cc_visit(source):
        if isinstance(block, Class):
            yield from block.methods
        else:
            yield block


def python_files():
    for pkg in ("app", "storage", "exporters"):
        yield from sorted((ROOT / pkg).rglob("*.py"))


def test_functions_are_short_and_simple():
    over = []
    for path in python_files():
        for f in functions(path.read_text(encoding="utf-8")):
            length = f.endline - f.lineno + 1
            if length > MAX_LINES or f.complexity > MAX_COMPLEXITY:
                over.append(
                    f"{path.relative_to(ROOT)}:{f.lineno} {f.fullname}: {length} lines, complexity {f.complexity}"
                )
    assert not over, "\n".join(over)


def test_modules_are_of_modest_size():
    over = []
    for path in python_files():
        rel = path.relative_to(ROOT).as_posix()
        lines = path.read_text(encoding="utf-8").count("\n")
        if lines > MAX_MODULE and rel not in LONG_MODULES_ALLOWED:
            over.append(f"{rel}: {lines} lines")
    assert not over, "\n".join(over)
