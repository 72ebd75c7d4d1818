"""The layers: Qt only in ui/, SQL only in storage/, imports one way, no import cycle.

ui → app → storage, ui → exporters → app; nothing imports ui; inside app/, only the workspace
module reaches storage (storage may read app's vocabulary: the model, records, errors, text rules).
"""

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("app", "storage", "exporters", "ui")
# What storage may take from app: the vocabulary, never the operations or the workspace.
STORAGE_MAY_IMPORT = (
    "app.model",
    "app.records",
    "app.errors",
    "app.vietnamese",
    "app.files",
    "app.plan_file",
    "app.plan_reader",
    "app.tracking",
    "app.paths",
    "app.index.model",
)


def modules() -> dict[str, Path]:
    out = {}
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            out[name] = path
    return out


def _runtime_nodes(tree: ast.AST):
    """Every node except what sits under `if TYPE_CHECKING:` (annotations only, never run)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            node.body = []  # emptied before ast.walk below reaches it
    return ast.walk(tree)


def imports_of(path: Path, name: str) -> set[str]:
    """Every module name imported by a file when it runs (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return found


def top(name: str) -> str:
    return name.split(".")[0]


def test_core_packages_import_without_pyside6():
    code = (
        "import sys, pkgutil, importlib\n"
        "for pkg in ('app', 'storage', 'exporters'):\n"
        "    m = importlib.import_module(pkg)\n"
        "    for info in pkgutil.walk_packages(m.__path__, pkg + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "print('PySide6' in sys.modules)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "False"


def test_sqlite_only_in_storage():
    pattern = re.compile(r"^\s*(from|import)\s+(sqlite3|sqlite_utils)", re.M)
    for pkg in ("app", "exporters", "ui"):
        for path in (ROOT / pkg).rglob("*.py"):
            assert not pattern.search(path.read_text(encoding="utf-8")), path


def test_no_sql_statements_outside_storage():
    sql = re.compile(r"""["'](SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA) """)
    for pkg in ("app", "exporters", "ui"):
        for path in (ROOT / pkg).rglob("*.py"):
            assert not sql.search(path.read_text(encoding="utf-8")), path


def test_imports_go_one_way():
    allowed = {
        "ui": {"ui", "app", "exporters"},
        "exporters": {"exporters", "app"},
        "app": {"app", "storage"},
        "storage": {"storage", "app"},
    }
    wrong = []
    for name, path in modules().items():
        for imported in imports_of(path, name):
            if top(imported) in PACKAGES and top(imported) not in allowed[top(name)]:
                wrong.append(f"{name} imports {imported}")
            if top(name) == "app" and top(imported) == "storage" and name != "app.workspace":
                wrong.append(f"{name} imports {imported} (only app.workspace reaches storage)")
            if top(name) == "storage" and top(imported) == "app" and not imported.startswith(STORAGE_MAY_IMPORT):
                wrong.append(f"{name} imports {imported} (storage reads app's vocabulary only)")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycle():
    mods = modules()
    graph = {name: set() for name in mods}
    for name, path in mods.items():
        for imported in imports_of(path, name):
            # "from app.ops import rows" names the module app.ops.rows; "from app.model import Plan" the module app.model
            target = imported if imported in mods else imported.rpartition(".")[0]
            if target in mods and target != name and not name.startswith(target + "."):
                graph[name].add(target)
    cycles = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> None:
        state[n] = 1
        stack.append(n)
        for m in sorted(graph[n]):
            if state.get(m) == 1:
                cycles.append(" → ".join(stack[stack.index(m) :] + [m]))
            elif m not in state:
                visit(m)
        stack.pop()
        state[n] = 2

    for n in sorted(graph):
        if n not in state:
            visit(n)
    assert not cycles, "\n".join(cycles)
