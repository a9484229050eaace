"""ServerWatch: the window's watch on its store, for what others commit and for the team
server going away and coming back.

Other windows, terminal imports and (on a team server) other workstations write to the same
project. A team server announces each commit on the store's socket: a QSocketNotifier wakes
the watch the moment a notice arrives, and the notice says what was touched. A database file
announces nothing: a timer asks it now and then (SQLite's data_version is cheap), and it can
only say that something changed.

When the server stops, the socket becomes readable too (the connection's end), or a query
fails: the watch says so at once and tries to reconnect, one second after the loss and then
every two, until the server answers; it then says so, and the session re-reads what the views
show, since the notices sent meanwhile were heard by nobody.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from annotation.changes import Changes
from annotation.ports import ConnectionLostError, Store
from ui.wording import isolate_path

WATCH_INTERVAL_MS = 1500
# The first try a second after the loss (a server restarting is back by then), then every two.
RECONNECT_DELAYS_MS = (1000, 2000)


class ServerWatch(QObject):
    """Finds other connections' commits, notices a lost connection and reconnects."""

    changes_found = Signal(object)  # Changes: what others committed
    lost = Signal(str)  # the connection went away: what the person is told
    restored = Signal(str)  # connected again: what the person is told

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.connected = True
        self._tries = 0
        self._notifier: QSocketNotifier | None = None
        store.changes_elsewhere()  # what came before the window read anything is in what it reads
        self.timer = QTimer(self, interval=WATCH_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        self._retry = QTimer(self, singleShot=True)
        self._retry.timeout.connect(self.try_reconnecting)
        self._listen()

    def _listen(self) -> None:
        self._forget_socket()
        socket = self.store.wake_socket()
        if socket is not None:
            self._notifier = QSocketNotifier(socket, QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self.check)

    def _forget_socket(self) -> None:
        # At once, not later: the lost connection's socket is closed, and its number may be
        # handed to another file before a deferred delete.
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None

    def check(self) -> bool:
        """Look for others' commits now; True when some were found (and announced)."""
        if not self.connected:
            return False
        changes = self.changes_elsewhere()
        if changes:
            self.changes_found.emit(changes)
        return bool(changes)

    def changes_elsewhere(self) -> Changes:
        """The store's changes_elsewhere(), or nothing once the connection is found lost."""
        if not self.connected:
            return Changes()
        try:
            return self.store.changes_elsewhere()
        except ConnectionLostError as error:
            self.connection_lost(error)
            return Changes()

    def connection_lost(self, error: ConnectionLostError | None = None) -> None:
        """Say the connection is lost (once) and start trying to reconnect."""
        if not self.connected:
            return
        self.connected = False
        self._forget_socket()
        self._tries = 0
        self._retry.start(RECONNECT_DELAYS_MS[0])
        self.lost.emit(self.unreachable_text())

    def unreachable_text(self) -> str:
        """What the person is told while the server cannot be reached."""
        return self.tr(
            "The team server %1 cannot be reached. Nothing can be changed until it is back;"
            " Hamish reconnects by itself."
        ).replace("%1", isolate_path(self.store.address))

    def try_reconnecting(self) -> bool:
        """One try; on failure the next is scheduled. True when connected again."""
        if self.connected:
            return True
        try:
            self.store.reconnect()
        except ConnectionLostError:
            self._tries += 1
            self._retry.start(RECONNECT_DELAYS_MS[min(self._tries, len(RECONNECT_DELAYS_MS) - 1)])
            return False
        self.connected = True
        self._listen()
        self.restored.emit(
            self.tr("Connected again to the team server %1.").replace(
                "%1", isolate_path(self.store.address)
            )
        )
        return True

    def stop(self) -> None:
        """Stop watching and retrying (the store is about to close)."""
        self.timer.stop()
        self._retry.stop()
        self._forget_socket()
