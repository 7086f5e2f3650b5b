"""The centre of the main window: notices floating on top, and one of three pages below — "opening…"
(or why the database could not be opened), the board (filters and the bull's-eye), or the
first-run panel that explains an empty database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from networkdesk.ui.board.canvas import RingCanvas
from networkdesk.ui.views.filter_bar import FilterBar
from networkdesk.ui.views.first_run import FirstRunPanel
from networkdesk.ui.views.notice_bar import NoticeBar

PAGE_LOADING, PAGE_BOARD, PAGE_FIRST_RUN = 0, 1, 2


class CentralPages(QWidget):
    """The central widget: `notices` above `pages` (loading, board, first run)."""

    def __init__(
        self,
        notices: NoticeBar,
        filter_bar: FilterBar,
        canvas: RingCanvas,
        first_run: FirstRunPanel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("centralArea")
        self.setAccessibleName("Central area")
        self.loading = QLabel("Opening your networking desk…", self)
        self.loading.setObjectName("loadingLabel")
        self.loading.setAccessibleName("Loading")
        self.loading.setTextFormat(Qt.TextFormat.PlainText)
        self.loading.setWordWrap(True)
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("centralPages")
        self.pages.setAccessibleName("Board")
        board_page = QWidget(self)
        board_page.setAccessibleName("Board page")
        board_layout = QVBoxLayout(board_page)
        board_layout.setContentsMargins(0, 0, 0, 0)
        board_layout.setSpacing(0)
        board_layout.addWidget(filter_bar)
        board_layout.addWidget(canvas, 1)
        self.pages.addWidget(self.loading)
        self.pages.addWidget(board_page)
        self.pages.addWidget(first_run)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.pages, 1)
        self.pages.setCurrentIndex(PAGE_LOADING)
        # Over the pages, not above them: a notice coming or going never moves the board.
        notices.float_over(self, below=filter_bar)

    def show_board(self, contacts: int) -> None:
        """The board, or the first-run panel while there are no contacts at all."""
        self.pages.setCurrentIndex(PAGE_FIRST_RUN if contacts == 0 else PAGE_BOARD)

    def show_open_error(self, text: str) -> None:
        self.loading.setText(f"networkdesk could not open the database.\n\n{text}")
        self.pages.setCurrentIndex(PAGE_LOADING)
