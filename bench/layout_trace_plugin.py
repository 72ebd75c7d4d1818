"""A pytest plugin that records a digest of every file the exporters write during a test run.

Loaded by bench/layout_compare.py --trace (`-p layout_trace_plugin`, with bench/ on PYTHONPATH):
it wraps write_docx, write_pdf and write_xlsx before the tests import them, so every document any
test builds (hostile text, 5,000 rows, notes longer than a page …) is compared, not only the
snapshot's. PDFs are written in reportlab's invariant mode; Office files are digested part by
part without docProps/core.xml (the export time). Hypothesis runs derandomised, so both runs
draw the same examples; each record also holds a digest of the Document written, so that a test
whose input is not repeatable shows as such. Output: the JSON file named by $LAYOUT_TRACE_OUT.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

_records: dict[str, list[list[str]]] = defaultdict(list)
_current = {"test": "<collection>"}


def _digest(path: Path, fmt: str) -> str:
    h = hashlib.sha256()
    if fmt == "pdf":
        h.update(path.read_bytes())
        return h.hexdigest()
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            if name != "docProps/core.xml":
                h.update(name.encode() + b"\0" + z.read(name))
    return h.hexdigest()


def _wrap(module: Any, attr: str, fmt: str) -> None:
    original = getattr(module, attr)

    def traced(doc: Any, path: Any) -> Any:
        result = original(doc, path)
        given = hashlib.sha256(repr(doc).encode("utf-8", "surrogatepass")).hexdigest()
        _records[_current["test"]].append([fmt, given, _digest(Path(path), fmt), repr(result)])
        return result

    setattr(module, attr, traced)


def pytest_configure(config: Any) -> None:
    from hypothesis import settings
    from reportlab import rl_config

    import exporters.docx_writer as docx_writer
    import exporters.pdf_writer as pdf_writer
    import exporters.xlsx_writer as xlsx_writer

    rl_config.invariant = 1
    settings.register_profile("layout-trace", derandomize=True, database=None)
    settings.load_profile("layout-trace")
    _wrap(docx_writer, "write_docx", "docx")
    _wrap(pdf_writer, "write_pdf", "pdf")
    _wrap(xlsx_writer, "write_xlsx", "xlsx")


def pytest_runtest_setup(item: Any) -> None:
    _current["test"] = item.nodeid


def pytest_unconfigure(config: Any) -> None:
    out = os.environ.get("LAYOUT_TRACE_OUT")
    if out:
        Path(out).write_text(json.dumps(_records, indent=1, sort_keys=True), encoding="utf-8")
