"""'Nhập bảng từ tệp…': a .docx/.xlsx table read as tasks, shown row by row before anything is added.

The officer picks the table, fixes the column mapping, ticks rows, moves years on, chooses the
appendix (the one open in the window by default); "Nhập" takes a backup and adds the ticked rows in
one transaction, as one undo step. The file is read off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.importing import (
    FIELD_KEYS,
    FIELD_NAMES,
    ImportResult,
    RawTable,
    best_table_index,
    guess_source_year,
    list_tables,
    parse_table,
    shift_result,
)
from app.legacy_encoding import ENCODING_NAMES
from app.numbering import appendix_label
from app.ops.import_table import added_message, import_result
from ui.context import PlanContext
from ui.dialogs.import_rows import AreaDelegate, ImportRowsModel, IndentDelegate
from ui.screen import Dialog, size_for
from ui.tracking.common import show_error

FILE_FILTER = "Bảng Word hoặc Excel (*.docx *.xlsx)"
SKIP = "— không nhập —"
AUTOMATIC = "Tự động: theo lĩnh vực, hoặc phụ lục nhiệm vụ đầu tiên"


def encoding_note(table: RawTable) -> str:
    if not table.encoding:
        return ""
    name = ENCODING_NAMES.get(table.encoding, table.encoding).split(" ")[0]
    return f"Đã chuyển từ mã {name} sang Unicode."


def table_caption(i: int, t: RawTable) -> str:
    title = " ".join(t.title.split())
    return f"{t.source} — {title}" if title else f"{t.source} (không có tiêu đề)"


class ImportTableDialog(Dialog):
    """Signal `imported(message)` after a successful import."""

    imported = Signal(str)

    def __init__(self, context: PlanContext, appendix_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Nhập bảng từ tệp")
        self.context = context
        self.runner = context.runner
        self.plan_id = context.plan_id
        self.plan = context.plan
        self.path: Path | None = None
        self.tables: list[RawTable] = []
        self.parsed: ImportResult | None = None
        self.mapping: dict[int, str | None] | None = None
        self.message = ""
        self.backup_path: Path | None = None

        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.file.setPlaceholderText("Chọn tệp Word (.docx) hoặc Excel (.xlsx) có bảng nhiệm vụ")
        choose = QPushButton("Chọn tệp…")
        choose.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel("Tệp:"))
        file_row.addWidget(self.file, 1)
        file_row.addWidget(choose)

        self.table_list = QListWidget()
        self.table_list.setWordWrap(True)
        self.table_list.currentRowChanged.connect(self._table_chosen)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        tables_box = QGroupBox("Các bảng trong tệp")
        tl = QVBoxLayout(tables_box)
        tl.addWidget(self.table_list, 1)
        tl.addWidget(QLabel("Xem trước:"))
        tl.addWidget(self.preview, 3)

        self.mapping_area = QScrollArea()
        self.mapping_area.setWidgetResizable(True)
        self.mapping_area.setFrameShape(QFrame.Shape.NoFrame)
        self.mapping_host = QWidget()
        self.mapping_row = QHBoxLayout(self.mapping_host)
        self.mapping_row.setContentsMargins(0, 0, 0, 0)
        self.mapping_area.setWidget(self.mapping_host)
        self.mapping_area.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.column_combos: list[QComboBox] = []

        self.shift = QSpinBox()
        self.shift.setRange(-10, 10)
        self.shift.setSuffix(" năm")
        self.shift.valueChanged.connect(self._shift_changed)
        self.shift_hint = QLabel()
        self.appendix = QComboBox()
        self.appendix.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.appendix.setMinimumContentsLength(24)
        self.appendix.addItem(AUTOMATIC, None)
        for n, a in enumerate(self.plan.appendices):
            if a.kind == "tasks":
                title = " ".join(a.title.split())
                self.appendix.addItem(f"{appendix_label(self.plan.appendix_numbering, n + 1)} — {title}", a.id)
        self.appendix.setCurrentIndex(max(0, self.appendix.findData(appendix_id)) if appendix_id is not None else 0)
        opts = QHBoxLayout()
        opts.addWidget(QLabel("Dời năm:"))
        opts.addWidget(self.shift)
        opts.addWidget(self.shift_hint, 1)
        opts.addWidget(QLabel("Nhập vào:"))
        opts.addWidget(self.appendix, 1)

        self.model = ImportRowsModel(self)
        self.model.dataChanged.connect(lambda *_: self._update_counts())
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.verticalHeader().setVisible(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setItemDelegate(IndentDelegate(self.view))
        self.view.setItemDelegateForColumn(1, AreaDelegate(self.view))
        self.view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        self.view.horizontalHeader().setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 8)

        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        self.problems.itemActivated.connect(self._problem_activated)
        self.problems_box = QGroupBox("Những chỗ chưa hiểu được")
        pl = QVBoxLayout(self.problems_box)
        pl.addWidget(self.problems)

        rows_box = QGroupBox("Các dòng đọc được (bỏ dấu tích ở dòng không muốn nhập)")
        rl = QVBoxLayout(rows_box)
        rl.addWidget(QLabel("Gán cột của bảng:"))
        rl.addWidget(self.mapping_area)
        rl.addLayout(opts)
        rl.addWidget(self.view, 1)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(rows_box)
        right.addWidget(self.problems_box)
        right.setStretchFactor(0, 4)
        right.setStretchFactor(1, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(tables_box)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        cw = self.fontMetrics().averageCharWidth()
        split.setSizes([cw * 40, cw * 130])

        self.counts = QLabel()
        self.import_button = QPushButton("Nhập")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.do_import)
        close = QPushButton("Đóng")
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.counts, 1)
        bottom.addWidget(self.import_button)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        size_for(self, 175, 42)
        self._update_counts()

    # ---------------------------------------------------------------- file and table
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Chọn tệp có bảng nhiệm vụ", str(Path.home()), FILE_FILTER)
        if path:
            self.open_file(path)

    def open_file(self, path: Path | str) -> None:
        """Read the file's tables off the GUI thread (a large or hostile file takes time)."""
        self.counts.setText("Đang đọc tệp…")
        self.runner.submit(
            lambda: list_tables(path), lambda tables: self._tables_read(Path(path), tables), self._refused
        )

    def _refused(self, message: str) -> None:
        self._update_counts()
        show_error(self, message, "Không đọc được tệp")

    def _tables_read(self, path: Path, tables: list[RawTable]) -> None:
        self.path, self.tables = path, tables
        self.file.setText(str(path))
        self.table_list.blockSignals(True)
        self.table_list.clear()
        for i, t in enumerate(tables):
            item = QListWidgetItem(table_caption(i, t) + f"\n{t.n_rows} dòng × {t.n_cols} cột")
            item.setToolTip(t.preview())
            if not t.cells:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.table_list.addItem(item)
        self.table_list.blockSignals(False)
        self.table_list.setCurrentRow(best_table_index(tables))

    def _table_chosen(self, index: int) -> None:
        if not 0 <= index < len(self.tables):
            return
        t = self.tables[index]
        note = encoding_note(t)
        self.preview.setPlainText((note + "\n\n" if note else "") + t.preview(8))
        self.mapping = None
        base = parse_table(t, table_index=index)
        source = guess_source_year(base)
        self.source_year = source
        self.shift.blockSignals(True)
        self.shift.setValue(self.plan.year - source if source and 1 <= self.plan.year - source <= 2 else 0)
        self.shift.blockSignals(False)
        self._reparse(keep_ticks=False)

    def table_index(self) -> int:
        return self.table_list.currentRow()

    def _reparse(self, keep_ticks: bool = True) -> None:
        i = self.table_index()
        if not 0 <= i < len(self.tables):
            return
        old = {r.source_rows: (r.checked, r.area) for r in self.parsed.rows} if keep_ticks and self.parsed else {}
        res = self.runner.call(lambda _ws: parse_table(self.tables[i], self.mapping, table_index=i))
        if res is None:
            return
        shift = self.shift.value()
        if shift:
            res = shift_result(res, shift, self.plan.year - shift)
        for r in res.rows:
            if r.source_rows in old:
                r.checked, r.area = old[r.source_rows]
        self.parsed = res
        self.mapping = dict(res.mapping)
        self._fill_mapping(res)
        self.model.set_result(res)
        self._fit_columns()
        self._fill_problems(res)
        self._update_shift_hint()
        self._update_counts()

    def _fit_columns(self) -> None:
        cw = self.fontMetrics().averageCharWidth()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.setColumnWidth(0, cw * 14)
        self.view.setColumnWidth(1, cw * 22)
        for c, key in enumerate(self.model.fields, start=2):
            self.view.setColumnWidth(c, cw * (50 if key == "content" else 22))
        header.setStretchLastSection(True)
        self.view.resizeRowsToContents()
        for r in range(self.model.rowCount()):
            self.view.setRowHeight(r, self.view.rowHeight(r) + 4)

    def _fill_mapping(self, res: ImportResult) -> None:
        while self.mapping_row.count():
            item = self.mapping_row.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        self.column_combos = []
        for c, header in enumerate(res.headers):
            box = QWidget()
            bl = QVBoxLayout(box)
            bl.setContentsMargins(0, 0, 6, 0)
            bl.setSpacing(2)
            text = " ".join(header.split()) or f"(cột {c + 1} không có tiêu đề)"
            lab = QLabel(f"{c + 1}. {text}")
            lab.setToolTip(text)
            width = self.fontMetrics().averageCharWidth() * 24
            lab.setFixedWidth(width)
            combo = QComboBox()
            combo.setFixedWidth(width)
            combo.addItem(SKIP, None)
            for key in FIELD_KEYS:
                combo.addItem(FIELD_NAMES[key], key)
            combo.setCurrentIndex(max(0, combo.findData(res.mapping.get(c))))
            combo.activated.connect(lambda _i, col=c, cb=combo: self.set_column(col, cb.currentData()))
            bl.addWidget(lab)
            bl.addWidget(combo)
            self.mapping_row.addWidget(box)
            self.column_combos.append(combo)
        self.mapping_row.addStretch(1)

    def set_column(self, column: int, key: str | None) -> None:
        """The officer's mapping of one column (another column holding the same field is cleared)."""
        mapping = dict(self.mapping or {})
        if key is not None:
            for c, k in list(mapping.items()):
                if k == key and c != column:
                    mapping[c] = None
        mapping[column] = key
        self.mapping = mapping
        self._reparse()

    def _shift_changed(self, _value: int) -> None:
        self._reparse()

    def _update_shift_hint(self) -> None:
        shift = self.shift.value()
        src = getattr(self, "source_year", None)
        if shift:
            self.shift_hint.setText(f"năm {self.plan.year - shift} → {self.plan.year}")
        elif src and src != self.plan.year:
            self.shift_hint.setText(f"bảng ghi năm {src}, kế hoạch năm {self.plan.year}")
        else:
            self.shift_hint.setText("giữ nguyên các năm")

    def _fill_problems(self, res: ImportResult) -> None:
        self.problems.clear()
        for p in res.problems:
            text = p.message if not p.row or f"Dòng {p.row}" in p.message else f"Dòng {p.row}: {p.message}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, p.row)
            self.problems.addItem(item)
        self.problems_box.setTitle(f"Những chỗ chưa hiểu được ({len(res.problems)})")
        if not res.problems:
            item = QListWidgetItem("Không có chỗ nào chưa hiểu được.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.problems.addItem(item)

    def _problem_activated(self, item: QListWidgetItem) -> None:
        row = item.data(Qt.ItemDataRole.UserRole)
        if row is None or self.parsed is None:
            return
        for i, r in enumerate(self.parsed.rows):
            if row in r.source_rows:
                self.view.selectRow(i)
                self.view.scrollTo(self.model.index(i, 0))
                return

    def _update_counts(self) -> None:
        if self.parsed is None:
            self.counts.setText("Chưa chọn tệp.")
            self.import_button.setEnabled(False)
            return
        tasks, subs = self.parsed.counts()
        self.counts.setText(f"Sẽ thêm {tasks} nhiệm vụ, {subs} nhiệm vụ con.")
        self.import_button.setEnabled(tasks > 0)

    # ---------------------------------------------------------------- import
    def set_checked(self, row: int, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.model.setData(self.model.index(row, 0), state.value, Qt.ItemDataRole.CheckStateRole)

    def do_import(self) -> bool:
        if self.parsed is None:
            return False
        tasks, subs = self.parsed.counts()
        done = self.runner.run(import_result, self.plan_id, self.parsed, self.appendix.currentData())
        if done is None:
            return False
        self.message = added_message(tasks, subs) + " Ctrl+Z để hoàn tác."
        self.counts.setText(self.message)
        self.import_button.setEnabled(False)
        self.imported.emit(self.message)
        return True
