"""Qt's own strings in Vietnamese: standard buttons, context menus, file and print dialogs.

Qt 6 ships no qtbase_vi catalogue (checked: PySide6 6.12 has none), so standard dialogs would
say "Cancel". This translator answers for the strings an officer meets; a real qtbase_vi.qm,
when a later Qt ships one, is installed first and wins.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

STRINGS: dict[str, str] = {
    # QPlatformTheme: QDialogButtonBox / QMessageBox standard buttons
    "OK": "Đồng ý",
    "&OK": "Đồng ý",
    "Save": "Lưu",
    "&Save": "&Lưu",
    "Save All": "Lưu tất cả",
    "Open": "Mở",
    "&Open": "&Mở",
    "&Yes": "&Có",
    "Yes to &All": "Có với &tất cả",
    "&No": "&Không",
    "N&o to All": "Không với tất &cả",
    "Abort": "Hủy bỏ",
    "Retry": "Thử lại",
    "Ignore": "Bỏ qua",
    "Close": "Đóng",
    "Cancel": "Hủy",
    "&Cancel": "&Hủy",
    "Discard": "Bỏ",
    "Help": "Trợ giúp",
    "Apply": "Áp dụng",
    "Reset": "Đặt lại",
    "Restore Defaults": "Khôi phục mặc định",
    "Don't Save": "Không lưu",
    "Close without Saving": "Đóng không lưu",
    "Show Details...": "Xem chi tiết…",
    "Hide Details...": "Ẩn chi tiết…",
    # Text editing context menu (QLineEdit, QWidgetTextControl)
    "&Undo": "&Hoàn tác",
    "&Redo": "&Làm lại",
    "Cu&t": "&Cắt",
    "&Copy": "&Sao chép",
    "Copy &Link Location": "Sao chép địa chỉ &liên kết",
    "&Paste": "&Dán",
    "Delete": "Xóa",
    "Select All": "Chọn tất cả",
    # QFileDialog
    "Look in:": "Tìm trong:",
    "File &name:": "&Tên tệp:",
    "File name:": "Tên tệp:",
    "Files of type:": "Loại tệp:",
    "&Choose": "&Chọn",
    "Back": "Quay lại",
    "Forward": "Tiến tới",
    "Parent Directory": "Thư mục cha",
    "Create New Folder": "Tạo thư mục mới",
    "New Folder": "Thư mục mới",
    "List View": "Dạng danh sách",
    "Detail View": "Dạng chi tiết",
    "Name": "Tên",
    "Size": "Kích thước",
    "Type": "Loại",
    "Date Modified": "Ngày sửa",
    "All Files (*)": "Mọi tệp (*)",
    "Directories": "Thư mục",
    "Directory:": "Thư mục:",
    "Computer": "Máy tính",
    "My Computer": "Máy tính",
    "&Rename": "Đổi &tên",
    "&Delete": "&Xóa",
    "Show &hidden files": "Hiện tệp &ẩn",
    "&New Folder": "Thư mục &mới",
    "Find Directory": "Chọn thư mục",
    "Save As": "Lưu thành",
    # QPrintDialog / QPrintPreviewDialog
    "Print": "In",
    "&Print": "&In",
    "Print...": "In…",
    "Print Preview": "Xem trước khi in",
    "Page Setup": "Thiết lập trang",
    "Page setup": "Thiết lập trang",
    "Next page": "Trang sau",
    "Previous page": "Trang trước",
    "First page": "Trang đầu",
    "Last page": "Trang cuối",
    "Fit width": "Vừa chiều rộng",
    "Fit page": "Vừa trang",
    "Zoom in": "Phóng to",
    "Zoom out": "Thu nhỏ",
    "Portrait": "Dọc",
    "Landscape": "Ngang",
    "Show single page": "Từng trang",
    "Show facing pages": "Hai trang đối diện",
    "Show overview of all pages": "Toàn bộ các trang",
    "Export to PDF": "Xuất ra PDF",
    "Copies": "Số bản",
    "Pages": "Trang",
    "Printer": "Máy in",
    "&Options >>": "&Tùy chọn >>",
    "&Options <<": "&Tùy chọn <<",
    "Print range": "Phạm vi in",
    "Print all": "In tất cả",
    "Pages from": "Trang từ",
    "to": "đến",
    "Current Page": "Trang hiện tại",
    "Selection": "Vùng chọn",
    "Collate": "Xếp theo bộ",
    "Reverse": "In ngược",
    "Paper": "Giấy",
    "Orientation": "Hướng giấy",
    "Margins": "Lề",
}


class VietnameseQtTranslator(QTranslator):
    """Answers Qt's own strings from STRINGS; everything else falls through untranslated.

    An unknown string must get None (a null QString), never "": Qt takes "" as the translation,
    which blanked the print dialog's labels and every shortcut name ("V" for "Ctrl+V")."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D401 (Qt override)
        return STRINGS.get(source)

    def isEmpty(self) -> bool:
        return False
