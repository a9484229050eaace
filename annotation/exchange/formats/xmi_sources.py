"""Where XMI files come from: folders and `.xmi` files (Hamish's export, or INCEpTION's files
unpacked), and ZIPs as INCEpTION writes them.

INCEpTION (read from its source, inception-project/inception: AnnotationDocumentExporter,
DocumentImportExportServiceImpl, FormatSupport.write) writes XMI with DKPro Core's XmiWriter,
which puts `<documentId>.xmi` and `TypeSystem.xml` side by side; two files are zipped into one.
  - A project export ZIP holds `annotation/<document>/<user>.zip` for each user who worked on
    the document (and `INITIAL_CAS.zip`, the document as uploaded: every annotator's starting
    point), `curation/<document>/CURATION_USER.zip` for the curated result, next to
    `exportedproject.json`, `source/` and Java-serialised copies in `annotation_ser/` (not
    read: they hold the same annotations). Each inner ZIP holds `<user>.xmi` and TypeSystem.xml.
  - The annotation page's export of one document is `<document>.zip` holding `<document>.xmi`
    and TypeSystem.xml: its CAS names the document, not the user.
In the CAS, DKPro Core's DocumentMetaData has `documentId` set to the file's name: the user's
in a project export, the document's in a single export; `documentTitle` stays the document's.

Every member is read in memory with its size bounded (a ZIP bomb is refused), one level of
ZIP inside a ZIP at most; XML is checked by xml_safety before any parser sees it.
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from annotation.exchange.bundle import FormatError
from annotation.exchange.formats.xml_safety import check_typesystem, safe_bytes, safe_xml
from annotation.exchange.output import annotator_of
from annotation.exchange.records import file_bytes
from annotation.regular_files import special_file
from annotation.sources import MAX_ZIP_MEMBER_BYTES, MAX_ZIP_TOTAL_BYTES

TYPESYSTEM = "TypeSystem.xml"
DEFAULT_ANNOTATOR = "xmi"
# INCEpTION's pseudo-user for the document as uploaded (every annotator's starting point).
INITIAL_CAS = "INITIAL_CAS"
# Hamish's own file names: doc-N.xmi, doc-N.ANNOTATOR.xmi (ANNOTATOR as output.file_name writes).
_HAMISH_FILE = re.compile(r"(doc-[0-9]+)(?:\.(.+))?\.xmi")
# A project export's annotation files: annotation/<document>/<user>.<ext>, and curation's.
_PROJECT_MEMBER = re.compile(r"(annotation|curation)/([^/]+)/([^/]+)\.([^./]+)")
_ZIP_ERRORS = (OSError, EOFError, RuntimeError, NotImplementedError, ValueError, zlib.error)


@dataclass(frozen=True, slots=True)
class XmiSource:
    """One XMI file to read, with what its name or place says about it."""

    name: str  # for messages: the path, or ARCHIVE!MEMBER
    data: bytes  # already checked by xml_safety
    typesystem: str  # the name of the TypeSystem.xml beside it (a key into Sources.typesystems)
    annotator: str | None = None  # from its name or place; None: the CAS's metadata decides
    title: str | None = None  # the document's name, when the place says it
    starting_point: bool = False  # INCEpTION's INITIAL_CAS: its text only, not a layer


@dataclass(slots=True)
class Sources:
    """The XMI files of one import, their type systems, and what was passed over and why."""

    files: list[XmiSource] = field(default_factory=list)
    typesystems: dict[str, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    _unzipped: int = 0  # bytes read out of ZIPs so far

    def add_typesystem(self, name: str, data: bytes) -> None:
        if name not in self.typesystems:
            safe_xml(name, data)
            check_typesystem(name, data)
            self.typesystems[name] = data


def list_sources(paths: Sequence[Path]) -> Sources:
    """Every XMI file the paths name (folders, `.xmi` files, ZIPs), checked before any is read."""
    found = Sources()
    for path in paths:
        if path.suffix.lower() == ".zip" and not path.is_dir():
            _zip(found, path)
        else:
            for each, annotator in xmi_files(path):
                data = safe_bytes(each)
                typesystem = each.parent / TYPESYSTEM
                if not typesystem.exists():
                    raise FormatError(
                        typesystem, "missing: XMI is read with the TypeSystem.xml beside it"
                    )
                if str(typesystem) not in found.typesystems:
                    found.add_typesystem(str(typesystem), safe_bytes(typesystem))
                found.files.append(XmiSource(str(each), data, str(typesystem), annotator))
    if not found.files:
        raise FormatError(", ".join(map(str, paths)) or ".", "no .xmi files to read")
    return found


def xmi_files(path: Path) -> Iterator[tuple[Path, str | None]]:
    """The `.xmi` files a path names, each with the annotator its name gives (Hamish's)."""
    if path.is_dir():
        listed = [p for p in path.glob("*.xmi") if not p.name.startswith(".")]
        for each in listed:
            # A pipe or a device named *.xmi is refused, naming it, never skipped unseen.
            kind = special_file(each)
            if kind is not None and kind != "a folder":
                raise FormatError(each, f"{kind}, not a regular file: not read")
        found = sorted((p for p in listed if p.is_file()), key=_natural)
        if not found:
            raise FormatError(path, "no .xmi files in this folder")
    elif path.suffix == ".xmi" and (path.is_file() or special_file(path)):
        found = [path]
    else:
        raise FormatError(path, "not a folder, an .xmi file nor a .zip")
    for each in found:
        yield each, hamish_annotator(each.name)


def hamish_annotator(name: str) -> str | None:
    """The annotator a Hamish export's file name gives (`doc-2.amal.xmi`), if it does."""
    match = _HAMISH_FILE.fullmatch(name)
    return annotator_of(match[2]) if match and match[2] else None


def _natural(path: Path | str) -> list[str | int]:
    name = path.name if isinstance(path, Path) else path
    return [int(p) if i % 2 else p for i, p in enumerate(re.split(r"([0-9]+)", name))]


def _zip(found: Sources, path: Path) -> None:
    archive = _open(path, file_bytes(path))
    members = _members(path, archive)
    project = {name: m for name, m in members.items() if _PROJECT_MEMBER.fullmatch(name)}
    if project:
        _project(found, path, archive, project)
    else:
        _loose(found, str(path), archive, members)


def _project(
    found: Sources, path: Path, archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo]
) -> None:
    """A project export: annotation/<document>/<user>.zip (and curation's), each a ZIP of
    `<user>.xmi` and TypeSystem.xml."""
    before = len(found.files)
    for name in sorted(members, key=lambda n: [_natural(p) for p in n.split("/")]):
        match = _PROJECT_MEMBER.fullmatch(name)
        assert match is not None
        document, user, suffix = match[2], match[3], match[4].lower()
        where = f"{path}!{name}"
        if suffix != "zip":
            found.notes.append(
                f"{where}: not XMI (the project was exported in another format), left out;"
                " export it with the format UIMA CAS XMI"
            )
            continue
        inner = _open(where, _read(found, archive, members[name], where))
        # By the names _members gives (a leading "/" gone, UTF-8 undone): the ZIP's own
        # getinfo knows only the names as written, and a "/amal.xmi" crashed it (review).
        contents = _members(where, inner)
        xmis = [n for n in contents if n.lower().endswith(".xmi") and "/" not in n]
        if len(xmis) != 1 or TYPESYSTEM not in contents:
            raise FormatError(where, f"holds no single .xmi beside a {TYPESYSTEM}: not read")
        typesystem = f"{where}!{TYPESYSTEM}"
        found.add_typesystem(typesystem, _read(found, inner, contents[TYPESYSTEM], typesystem))
        member = f"{where}!{xmis[0]}"
        data = safe_xml(member, _read(found, inner, contents[xmis[0]], member))
        found.files.append(
            XmiSource(
                member,
                data,
                typesystem,
                annotator=user,
                title=document,
                starting_point=user == INITIAL_CAS,
            )
        )
    if len(found.files) == before:
        raise FormatError(path, "an INCEpTION project export without XMI annotation files")


def _loose(
    found: Sources, where: str, archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo]
) -> None:
    """A ZIP of XMI files each beside a TypeSystem.xml in its folder: INCEpTION's export of
    one document, a user's file from a project export, or a zipped Hamish export."""
    xmis = sorted(
        (n for n in members if n.lower().endswith(".xmi")),
        key=lambda n: [_natural(p) for p in n.split("/")],
    )
    if not xmis:
        raise FormatError(where, "no .xmi files in this ZIP")
    for name in xmis:
        folder = str(PurePosixPath(name).parent)
        ts_name = TYPESYSTEM if folder == "." else f"{folder}/{TYPESYSTEM}"
        if ts_name not in members:
            raise FormatError(
                f"{where}!{ts_name}", "missing: XMI is read with the TypeSystem.xml beside it"
            )
        typesystem = f"{where}!{ts_name}"
        if typesystem not in found.typesystems:
            found.add_typesystem(typesystem, _read(found, archive, members[ts_name], typesystem))
        member = f"{where}!{name}"
        data = safe_xml(member, _read(found, archive, members[name], member))
        annotator = hamish_annotator(PurePosixPath(name).name)
        found.files.append(XmiSource(member, data, typesystem, annotator))


def _open(where: Path | str, data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (*_ZIP_ERRORS, zipfile.BadZipFile) as error:
        raise FormatError(where, f"not a ZIP archive Hamish can read ({error})") from None


def _members(where: Path | str, archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """The archive's files by name (as written in UTF-8), hidden ones and folders left out. A
    name held twice is refused: which of the two an unzip tool gives is the tool's choice,
    and the first was read while the second was passed over unsaid (review of issue 15)."""
    members: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        name = info.filename
        if not info.flag_bits & 0x800:  # no UTF-8 flag: zipfile guessed cp437, often wrongly
            with contextlib.suppress(UnicodeError):
                name = name.encode("cp437").decode("utf-8")
        name = name.removeprefix("/")  # INCEpTION wrote a leading "/" before 2.0.8 (its #985)
        parts = name.split("/")
        if info.is_dir() or parts[0] == "__MACOSX" or any(p.startswith(".") for p in parts):
            continue
        if name in members:
            raise FormatError(f"{where}!{name}", "in the ZIP twice: not read (which is meant?)")
        members[name] = info
    return members


def _read(found: Sources, archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: str) -> bytes:
    """A member's bytes, a chunk at a time, refused past what it declares or the limits: a
    header that lies (a ZIP bomb) costs no more than the limit."""
    if info.file_size > MAX_ZIP_MEMBER_BYTES:
        raise FormatError(
            where, f"too large ({info.file_size // 2**20} MB uncompressed): unzip it first"
        )
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(2**20):
                size += len(chunk)
                found._unzipped += len(chunk)
                if size > info.file_size:
                    raise FormatError(where, "larger than the archive says: not read")
                if found._unzipped > MAX_ZIP_TOTAL_BYTES:
                    raise FormatError(
                        where,
                        f"the ZIPs of this import hold more than {MAX_ZIP_TOTAL_BYTES // 2**20}"
                        " MB uncompressed: unzip them and import the files",
                    )
                chunks.append(chunk)
    except FormatError:
        raise
    except (*_ZIP_ERRORS, zipfile.BadZipFile) as error:
        raise FormatError(where, f"cannot be read from the ZIP ({error})") from None
    return b"".join(chunks)
