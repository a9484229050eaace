"""Find the article files an import reads: files and folders given, the article files inside
folders and zip archives (within the limits that keep a zip bomb out), each read lazily.
Reading one file into article records is annotation/article_records.py's business."""

from __future__ import annotations

import contextlib
import functools
import lzma
import os
import stat
import threading
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from annotation.decoding import SourceError, decode
from annotation.regular_files import file_kind as _file_kind
from annotation.regular_files import read_regular

__all__ = ["SourceError", "SourceFile", "discover"]

ARTICLE_SUFFIXES = frozenset({".txt", ".json", ".jsonl", ".ndjson"})
_LISTED = ARTICLE_SUFFIXES | {".zip"}

# A zip member bigger than this, uncompressed, is refused before it is read. An import holds
# a file's text in memory (about four times its size at the peak), and a small archive can
# expand to gigabytes (a zip bomb). The largest real member seen is 13 MB; a plain file, whose
# size is there to see, has no limit.
MAX_ZIP_MEMBER_BYTES = 100 * 2**20
# And all the zip members of one import together: eleven members just under the limit, in a
# 1 MB archive, grew a database to 1.1 GB (issue 13, item 15). Checked on the sizes the
# archive declares before anything is read, and again on the bytes read. The whole
# SaudiNewsNet corpus (31,030 articles) is about a third of it.
MAX_ZIP_TOTAL_BYTES = 512 * 2**20
MAX_ZIP_MEMBERS = 100_000  # article files in the archives of one import
# Everything zipfile and zlib raise for a damaged, encrypted or unsupported archive.
_ZIP_ERRORS = (
    OSError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    ValueError,
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,  # a damaged LZMA member; it is no OSError (bz2's and zlib's errors are)
)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to import, read lazily so a big folder is not held in memory at once."""

    name: str
    read_bytes: Callable[[], bytes]
    suffix: str


def discover(
    paths: Sequence[Path],
    skipped: list[SourceError] | None = None,
    *,
    passed_over: list[SourceError] | None = None,
    notes: list[SourceError] | None = None,
) -> list[SourceFile]:
    """List the article files in the given files, folders (recursively) and zip archives.

    A path that cannot be listed (missing, a corrupt zip, an unreadable folder, a named pipe
    or device named itself) raises SourceError, unless `skipped` is given: then the error is
    added to it and the rest goes on. What a folder holds but is never read (a link leading
    out of it, a named pipe, a device) goes to `passed_over` with the reason; a remark on
    what is read (a second zip member of the same name) goes to `notes`.
    """
    found: list[SourceFile] = []
    listing = _Listing([] if passed_over is None else passed_over, [] if notes is None else notes)
    for path in paths:
        try:
            found.extend(_discover_one(path, skipped, listing))
        except SourceError as error:
            if skipped is None:
                raise
            skipped.append(error)
    unique: dict[str, SourceFile] = {}  # a folder and a file inside it may both be given
    for entry in found:
        unique.setdefault(entry.name, entry)
    return list(unique.values())


class _ZipBudget:
    """What the zip archives of one import may hold together, declared and read."""

    def __init__(self) -> None:
        self.members = 0
        self.declared = 0
        self.read = 0

    def declare(self, path: Path, sizes: list[int]) -> None:
        """Count an archive's article members, or refuse it (naming it) over a limit."""
        members, declared = self.members + len(sizes), self.declared + sum(sizes)
        before = " with the archives listed before it" if self.members else ""
        if members > MAX_ZIP_MEMBERS:
            raise SourceError(
                str(path),
                f"too many files in zip archives ({members} article files{before}; the limit"
                f" for one import is {MAX_ZIP_MEMBERS}): import the archives in parts",
            )
        if declared > MAX_ZIP_TOTAL_BYTES:
            raise SourceError(
                str(path),
                f"zip archive too large ({declared / 2**20:.0f} MB uncompressed{before}; the"
                f" limit for one import is {MAX_ZIP_TOTAL_BYTES // 2**20} MB): unzip it and"
                " import the files themselves, or import the archives in parts",
            )
        self.members, self.declared = members, declared

    def spend(self, name: str, count: int) -> None:
        """Count bytes read from a member; the declared sizes were checked, but may lie."""
        self.read += count
        if self.read > MAX_ZIP_TOTAL_BYTES:
            raise SourceError(
                name,
                f"the zip archives of this import hold more than {MAX_ZIP_TOTAL_BYTES // 2**20}"
                " MB uncompressed, more than they declare: not read further",
            )


@dataclass(frozen=True, slots=True)
class _Listing:
    """What one call of discover() shares: remarks, and the zip budget of the import."""

    passed_over: list[SourceError]
    notes: list[SourceError]
    budget: _ZipBudget = field(default_factory=_ZipBudget)


def _discover_one(
    path: Path, skipped: list[SourceError] | None, listing: _Listing
) -> list[SourceFile]:
    try:
        mode = path.stat().st_mode  # a path named itself may be a link: it is followed
    except FileNotFoundError:
        missing = "a link to a missing file" if path.is_symlink() else "no such file or folder"
        raise SourceError(str(path), missing) from None
    except OSError as exc:
        raise SourceError(str(path), f"cannot read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(mode):
        found: list[SourceFile] = []
        for file, target in _walk(path, listing.passed_over):
            try:
                found.extend(_expand(file, listing, target))
            except SourceError as error:
                if skipped is None:
                    raise
                skipped.append(error)
        return found
    if not stat.S_ISREG(mode):
        # Reading a named pipe blocks until something writes to it; /dev/zero never ends.
        raise SourceError(str(path), f"{_file_kind(mode)}, not a regular file: refused")
    if path.suffix.lower() in _LISTED:
        return _expand(path, listing)
    decode(_file_reader(path)(), str(path))  # raises unless it is text
    return [SourceFile(str(path), _file_reader(path), ".txt")]


def _walk(root: Path, passed_over: list[SourceError]) -> list[tuple[Path, Path]]:
    """The article files in a folder as (name, path to read): regular files inside it only."""

    def fail(exc: OSError) -> None:
        raise SourceError(str(exc.filename or root), f"cannot read folder ({exc.strerror})")

    inside = root.resolve()
    files: list[tuple[Path, Path]] = []
    # os.walk does not descend into links to folders (followlinks=False): said, not silent.
    for folder, dirs, names in os.walk(root, onerror=fail):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for link in [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            dirs.remove(link)
            passed_over.append(
                SourceError(str(Path(folder, link)), "a link to a folder: not followed")
            )
        for name in names:
            if name.startswith(".") or Path(name).suffix.lower() not in _LISTED:
                continue
            target = _regular_file_inside(Path(folder, name), inside, passed_over)
            if target is not None:
                files.append((Path(folder, name), target))
    return sorted(files, key=lambda pair: pair[0].parts)


def _regular_file_inside(entry: Path, inside: Path, passed_over: list[SourceError]) -> Path | None:
    """The file to read for a folder's entry, or None (said why) when it is not to be read:
    a link leading out of the folder, or anything but a regular file (issue 13, item 10)."""
    try:
        mode = entry.lstat().st_mode
        target = entry
        if stat.S_ISLNK(mode):
            target = entry.resolve(strict=True)
            if not target.is_relative_to(inside):
                passed_over.append(
                    SourceError(str(entry), f"a link to {target}, outside the folder: not read")
                )
                return None
            mode = target.stat().st_mode
    except (OSError, RuntimeError) as exc:  # a broken link, a loop of links
        reason = getattr(exc, "strerror", None) or "a loop of links"
        passed_over.append(
            SourceError(str(entry), f"a link that leads nowhere ({reason}): not read")
        )
        return None
    if not stat.S_ISREG(mode):
        passed_over.append(
            SourceError(str(entry), f"{_file_kind(mode)}, not a regular file: not read")
        )
        return None
    return target


def _expand(path: Path, listing: _Listing, target: Path | None = None) -> list[SourceFile]:
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return _zip_members(path, listing, target or path)
    return [SourceFile(str(path), _file_reader(target or path, str(path)), suffix)]


def _file_reader(path: Path, name: str | None = None) -> Callable[[], bytes]:
    # Read when the file's turn comes; read_regular refuses a pipe or device put in its place.
    return functools.partial(read_regular, path, name)


class _Archive:
    """A zip archive shared by its members' readers: opened once, closed after the last read."""

    def __init__(self, path: Path, members: list[zipfile.ZipInfo], budget: _ZipBudget) -> None:
        self._path = path
        self._unread = {id(info) for info in members}
        self._zip: zipfile.ZipFile | None = None
        self._lock = threading.Lock()
        self._budget = budget

    def reader(self, info: zipfile.ZipInfo, name: str) -> Callable[[], bytes]:
        # Reopening the archive per member would re-parse its directory each time: slow for
        # archives of thousands of files.
        def read() -> bytes:
            with self._lock:
                try:
                    if info.file_size > MAX_ZIP_MEMBER_BYTES:
                        raise SourceError(
                            name,
                            f"zip member too large ({info.file_size / 2**20:.0f} MB uncompressed,"
                            f" the limit is {MAX_ZIP_MEMBER_BYTES // 2**20} MB); unzip it and"
                            " import the file itself",
                        )
                    if self._zip is None:
                        self._zip = zipfile.ZipFile(self._path)
                    return self._read_member(info, name)
                except _ZIP_ERRORS as exc:
                    raise SourceError(name, f"cannot read from zip archive ({exc})") from None
                finally:
                    self._unread.discard(id(info))
                    if not self._unread and self._zip is not None:
                        self._zip.close()
                        self._zip = None

        return read

    def _read_member(self, info: zipfile.ZipInfo, name: str) -> bytes:
        assert self._zip is not None
        # In chunks: ZipFile.read() inflates all the data stored for a member in one go
        # before cutting it to the header's size, so a header that lies (a zip bomb) cost its
        # whole inflated size in memory. A chunk at a time, reading stops at that size (then
        # fails the CRC check), and every chunk is counted against the import's budget.
        chunks: list[bytes] = []
        size = 0
        with self._zip.open(info) as member:
            for chunk in iter(functools.partial(member.read, 2**20), b""):
                size += len(chunk)
                self._budget.spend(name, len(chunk))
                if size > info.file_size:
                    raise SourceError(name, "zip member larger than the archive says: not read")
                chunks.append(chunk)
        return b"".join(chunks)


def _zip_members(path: Path, listing: _Listing, target: Path) -> list[SourceFile]:
    try:
        with zipfile.ZipFile(target) as archive:
            infos = archive.infolist()
    except _ZIP_ERRORS as exc:
        raise SourceError(str(path), f"corrupt zip archive ({exc})") from None
    members: list[tuple[str, zipfile.ZipInfo]] = []
    for info in infos:
        inner = info.filename
        if not info.flag_bits & 0x800:  # no UTF-8 flag: zipfile guessed cp437, often wrongly
            with contextlib.suppress(UnicodeError):
                inner = inner.encode("cp437").decode("utf-8")
        parts = inner.split("/")
        hidden = parts[0] == "__MACOSX" or any(p.startswith(".") for p in parts)
        if not (info.is_dir() or hidden) and PurePosixPath(inner).suffix.lower() in _LISTED:
            members.append((inner, info))
    # A member over the limit for one is refused when read; it does not count towards all.
    listing.budget.declare(
        path, [info.file_size for _, info in members if info.file_size <= MAX_ZIP_MEMBER_BYTES]
    )
    members.sort(key=lambda m: m[0].split("/"))  # stable: members of one name keep their order
    archive_ = _Archive(target, [info for _, info in members], listing.budget)
    sources: list[SourceFile] = []
    seen: Counter[str] = Counter()
    for inner, info in members:
        seen[inner] += 1
        name = f"{path}!{inner}"
        if seen[inner] > 1:
            # An archive tool keeps one of them (which one depends on the tool); both are
            # read, under names that tell them apart, and the import says so.
            name = f"{name} (copy {seen[inner]})"
            listing.notes.append(
                SourceError(
                    f"{path}!{inner}",
                    f"the archive holds {seen[inner]} members of this name; copy"
                    f' {seen[inner]} is read as "{name}"',
                )
            )
        sources.append(
            SourceFile(name, archive_.reader(info, name), PurePosixPath(inner).suffix.lower())
        )
    return sources
