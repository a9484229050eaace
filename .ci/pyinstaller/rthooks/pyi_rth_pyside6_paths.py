"""The bundle's run-time hook for PySide6 (`make dist`), in place of PyInstaller's own.

PyInstaller's hook imports PySide6.QtCore when the bundle starts, to give Qt an embedded
qt.conf; so every terminal command loaded Qt, which `hamish --help` and the other commands
never need (ui/cli/program.py never imports Qt). The PySide6 wheels embed that qt.conf themselves when
QtCore is imported, relative to where it lies, so only the paths the hook sets without Qt are
kept here. Linux, Windows and plain macOS layouts; not a macOS .app.
"""

import os
import sys

_qt = os.path.join(sys._MEIPASS, "PySide6")  # type: ignore[attr-defined]
if not sys.platform.startswith("win"):
    _qt = os.path.join(_qt, "Qt")
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
os.environ["QML2_IMPORT_PATH"] = os.path.join(_qt, "qml")
if sys.platform.startswith("win"):
    # QtNetwork finds OpenSSL's DLLs on the PATH (PyInstaller's hook does the same).
    os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")  # type: ignore[attr-defined]
del _qt
