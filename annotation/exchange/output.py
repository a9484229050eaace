"""Writing export files safely: whole or not at all, and JSON written piece by piece.

An export is written beside its destination and moved into place only when complete, so a
cancelled, failed or killed export leaves no half-written file or folder and never damages an
older export of the same name. A file is written unnamed where Linux allows (O_TMPFILE: a
killed export leaves nothing at all), else as `.NAME.PID.RANDOM.partial`; a folder is built as
`.NAME.PID.RANDOM.partial/` and swapped in whole. Partials whose process is gone (killed
exports) are swept away by the next export to the same destination.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import io
import json
import os
import re
import secrets
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, Any
from urllib.parse import unquote

from annotation.exchange.bundle import FormatError

# The permissions a new file gets here (read once: os.umask can only be read by setting it).
_UMASK = os.umask(0o022)
os.umask(_UMASK)
PARTIAL = ".partial"
_PARTIAL_PID = re.compile(r"([0-9]+)\.[0-9a-f]+" + re.escape(PARTIAL))
# O_TMPFILE needs Linux and a file system that supports it; linking the unnamed file into
# place goes through /proc (open(2), "O_TMPFILE").
_UNNAMED = hasattr(os, "O_TMPFILE") and os.path.isdir("/proc/self/fd")


def partial_path(out: Path) -> Path:
    """A fresh name beside `out` for a partial export, carrying this process's id."""
    return out.with_name(f".{_partial_stem(out)}.{os.getpid()}.{secrets.token_hex(4)}{PARTIAL}")


# File names are at most 255 bytes on most file systems; the partial's own parts take about
# 30, so a long name is shortened in the partial's (a name `touch` can make must export).
_LONGEST_STEM = 200


def _partial_stem(out: Path) -> str:
    name = out.name
    if len(name.encode("utf-8", "surrogateescape")) <= _LONGEST_STEM:
        return name
    digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return name[:40] + "~" + digest


def sweep(out: Path) -> None:
    """Remove the partial files and folders that exports to `out` left behind when they were
    killed (their process is gone); a running export's are left alone."""
    prefix = f".{_partial_stem(out)}."
    try:
        entries = list(os.scandir(out.parent))
    except OSError:
        return  # the export itself will say what is wrong with the folder
    for entry in entries:
        match = entry.name.startswith(prefix) and _PARTIAL_PID.fullmatch(entry.name[len(prefix) :])
        if not match or _alive(int(match[1])):
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            Path(entry.path).unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True  # another export of this process may be running (a thread)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _refuse_folder_as_file(out: Path) -> None:
    if out.is_dir():
        raise IsADirectoryError(
            errno.EISDIR, "is a folder: name a file to write the export to", str(out)
        )


@contextmanager
def atomic_binary(out: Path) -> Iterator[IO[bytes]]:
    """A binary stream whose content replaces `out` only if the block ends without error.

    The file is flushed to disk before it takes the old one's place, so a crash leaves the
    old export or the new one, never an empty file; and it gets the permissions a file
    written in place would have (mkstemp's are private), so colleagues can read a shared
    export."""
    _refuse_folder_as_file(out)
    sweep(out)
    partial = partial_path(out)
    handle = _unnamed_file(out.parent)
    unnamed = handle is not None
    if handle is None:
        handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
            if unnamed:
                _link_unnamed(stream.fileno(), partial)
        os.chmod(partial, 0o666 & ~_UMASK)
        os.replace(partial, out)
        _sync_folder(out.parent)
    finally:
        partial.unlink(missing_ok=True)


def _unnamed_file(folder: Path) -> int | None:
    """An unnamed file in `folder` (O_TMPFILE), or None where that is not supported."""
    if not _UNNAMED:
        return None
    try:
        return os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o600)
    except OSError as error:
        if error.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
            return None  # the file system cannot: fall back to a named partial
        raise


def _link_unnamed(handle: int, path: Path) -> None:
    # linkat(2) with AT_SYMLINK_FOLLOW through /proc gives an O_TMPFILE file a name; Python
    # passes that flag only when a directory descriptor is given, hence src_dir_fd.
    proc = os.open("/proc/self/fd", os.O_RDONLY)
    try:
        os.link(str(handle), path, src_dir_fd=proc)
    finally:
        os.close(proc)


def _sync_folder(folder: Path) -> None:
    # The rename itself reaches the disk only when the folder is synced (fsync(2)).
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename is still atomic
    finally:
        os.close(handle)


@contextmanager
def atomic_folder(out: Path, ours: Callable[[PurePosixPath], bool]) -> Iterator[Path]:
    """A new empty folder to write an export in, which replaces `out` whole only if the block
    ends without error. `out` may be absent, empty, or an earlier export (every file in it
    one `ours` accepts, by its path inside the folder); a folder holding anything else is
    refused before anything is written, naming what is there."""
    sweep(out)
    _check_replaceable(out, ours)
    partial = partial_path(out)
    partial.mkdir()
    try:
        yield partial
        for folder, _, names in os.walk(partial):
            for name in names:
                _sync_file(Path(folder, name))
        _swap_in(partial, out)
        _sync_folder(out.parent)
    finally:
        if os.path.lexists(partial):
            shutil.rmtree(partial, ignore_errors=True)


def _check_replaceable(out: Path, ours: Callable[[PurePosixPath], bool]) -> None:
    if not os.path.lexists(out):
        return
    if out.is_symlink() or not out.is_dir():
        raise FileExistsError(
            errno.EEXIST, "is not a folder: choose a new or empty folder to export into", str(out)
        )
    foreign: list[str] = []
    for folder, folders, names in os.walk(out):
        for name in names + [f for f in folders if Path(folder, f).is_symlink()]:
            path = Path(folder, name)
            relative = PurePosixPath(path.relative_to(out).as_posix())
            mode = path.lstat().st_mode
            if not stat.S_ISREG(mode) or not ours(relative):
                foreign.append(str(relative))
    if foreign:
        shown = ", ".join(sorted(foreign)[:3]) + (" ..." if len(foreign) > 3 else "")
        raise FileExistsError(
            errno.EEXIST,
            f"holds files that are not an earlier export of this format ({shown}): choose a new"
            " or empty folder to export into",
            str(out),
        )


def _sync_file(path: Path) -> None:
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _swap_in(new: Path, out: Path) -> None:
    """Put the folder `new` at `out`; an older folder there is removed."""
    if not os.path.lexists(out):
        os.rename(new, out)
        return
    if _exchange(new, out):
        shutil.rmtree(new)  # now the older export; a kill here leaves a partial to sweep
        return
    # Without an atomic exchange, the older folder steps aside under a partial's name first.
    old = partial_path(out)
    os.rename(out, old)
    try:
        os.rename(new, out)
    except OSError:
        os.rename(old, out)
        raise
    shutil.rmtree(old)


_RENAME_EXCHANGE = 2  # linux/fs.h


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


# Characters XML 1.0 forbids (its Char production): a file holding one is read by no parser.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

# Characters no file system (or no Windows one) allows in a name, and `%` that quotes them.
_UNSAFE_IN_NAMES = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*%]|^[. ]|[. ]$')


def file_name(annotator: str) -> str:
    """An annotator's name as a file or folder name, reversibly (`annotator_of` undoes it):
    what a file system refuses, a leading dot (hidden) and `%` become %XX, so `a/b` and
    `a_b` get different files."""
    return _UNSAFE_IN_NAMES.sub(lambda m: "".join(f"%{b:02X}" for b in m[0].encode()), annotator)


def annotator_of(name: str) -> str:
    """The annotator a file or folder name written by `file_name` stands for."""
    return unquote(name)


def write_new(path: Path, data: bytes, export: Path, what: str) -> None:
    """Write a file that must not exist yet inside a new export folder: two names that one
    file system takes for the same (`Amal` and `amal` on macOS) are refused, naming `what`."""
    try:
        with path.open("xb") as stream:
            stream.write(data)
    except FileExistsError:
        raise FormatError(
            export,
            f"{path.name} would be written twice: this file system takes two names for one",
            what,
        ) from None


@contextmanager
def atomic_text(out: Path, encoding: str = "utf-8", newline: str = "\n") -> Iterator[IO[str]]:
    """A text stream whose content replaces `out` only if the block ends without error.
    Lines end in `\\n` by default on every platform, so the bytes are the same everywhere
    (`newline=""` leaves line ends to the writer, as csv needs)."""
    with atomic_binary(out) as raw:
        stream = io.TextIOWrapper(raw, encoding, newline=newline)
        try:
            yield stream
        finally:
            stream.detach()  # flushes; leaves `raw` open for atomic_binary to sync and move


@contextmanager
def spill(folder: Path, encoding: str = "utf-8", newline: str = "\n") -> Iterator[IO[str]]:
    """A temporary text file (deleted afterwards) holding a section written out of order."""
    with tempfile.TemporaryFile("w+", encoding=encoding, newline=newline, dir=folder) as stream:
        yield stream


def member(key: str, value: Any) -> str:
    """`"key": value` as it appears inside a top-level object dumped with indent=1."""
    return json.dumps({key: value}, ensure_ascii=False, indent=1)[2:-2]


class JsonArray:
    """The items of an array that is a member of a top-level object, written in chunks as
    they come, byte for byte as `json.dumps(whole_object, ensure_ascii=False, indent=1)`
    would write them. Each chunk goes through one `json.dumps` call, not one per item."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream, self.empty = stream, True

    def extend(self, items: Sequence[Any]) -> None:
        """Append items."""
        if not items:
            return
        # Dumped alone the chunk is indented one level; inside the object it sits one level
        # deeper. A raw newline only ever appears in the indentation (JSON escapes those in
        # strings), so indenting every line by one space is exact.
        inner = json.dumps(list(items), ensure_ascii=False, indent=1)[2:-2]
        self.stream.write(("\n " if self.empty else ",\n ") + inner.replace("\n", "\n "))
        self.empty = False

    def close(self) -> str:
        """The array's closing text ("]" at the right indentation)."""
        return "]" if self.empty else "\n ]"
