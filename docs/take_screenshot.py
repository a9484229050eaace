"""Take the README screenshots from a real window: `make screenshot` (runs under xvfb-run).

Opens a throw-away database with the sample articles, shows the window, and saves
docs/screenshot-window.png. Run it after any change to what the window shows, and look.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402

from annotation.importing import import_samples_if_empty  # noqa: E402
from db.store import SqliteStore  # noqa: E402
from ui.app import create_application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402


def main() -> int:
    app = create_application()
    with tempfile.TemporaryDirectory() as folder:
        store = SqliteStore(Path(folder) / "hamish.sqlite3")
        import_samples_if_empty(store)
        window = MainWindow(store)
        window.resize(1280, 760)
        window.show()
        row = next(
            (
                r
                for r in range(window.documents.rowCount())
                if window.documents.index(r, 0).data() == "sana-syria-russia"
            ),
            0,
        )
        window.select_row(row)

        def capture() -> None:
            target = ROOT / "docs" / "screenshot-window.png"
            window.grab().save(str(target))
            print(f"saved {target}")
            app.quit()

        QTimer.singleShot(800, capture)
        app.exec()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
