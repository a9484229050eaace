"""Hostile input for the article importer: damaged, mis-encoded, huge and malicious files.

Whatever the bytes, `import_articles` returns a report and never raises, and the database ends
either with valid text for every new document or exactly as it was (one transaction).
tests/annotation/test_sources.py has the example-based cases; these are properties over
generated files, plus the sizes no example-based test writes.

HAMISH_SLOW=1 runs more examples and the 50 MB import.
"""

from __future__ import annotations

import io
import json
import os
import resource
import sys
import tempfile
import time
import tracemalloc
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from annotation.cleanup import clean_text
from annotation.importing import ImportOptions, ImportReport, import_articles
from annotation.model import Document, Span, Status, text_sha256
from annotation.sources import MAX_ZIP_MEMBER_BYTES
from db.store import SqliteStore

SLOW = os.environ.get("HAMISH_SLOW") == "1"
needs_slow = pytest.mark.skipif(not SLOW, reason="a 50 MB import: set HAMISH_SLOW=1 to run it")

KNOWN = "قال وزير الخارجية إن الوفد وصل إلى دمشق أمس."  # the document already stored
LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي"
SENTENCES = [
    "صرّح المتحدث باسم الوزارة لوكالة Reuters بأن 3 اجتماعات عقدت في جنيف.",
    "وأضاف: «المحادثات ستستمر»، فهل تنجح؟",
    "ـــ الرياض (واس) ـــ",
    "عَقَدَ الوفدُ اجتماعاً 😀 في ١٢ أيار",
]
Snapshot = dict[str, list[tuple[object, ...]]]


def examples(normal: int, slow: int) -> Callable[..., object]:
    """Hypothesis settings: `normal` examples in the ordinary run, `slow` under HAMISH_SLOW=1."""
    return settings(
        max_examples=slow if SLOW else normal,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# --- the store --------------------------------------------------------------------------------


@contextmanager
def fresh_store() -> Iterator[tuple[SqliteStore, Path]]:
    """A fresh store holding one good document, with a span and a status, and a folder."""
    with tempfile.TemporaryDirectory() as folder:
        store = SqliteStore(Path(folder) / "x.sqlite3")
        try:
            (known,) = store.add_documents([Document(KNOWN, text_sha256(KNOWN), title="خبر")])
            start = KNOWN.index("دمشق")
            store.add_span(Span(known, "amal", "LOCATION", start, start + 4, "دمشق"))
            store.set_status(known, "amal", Status.IN_PROGRESS)
            files = Path(folder, "in")
            files.mkdir()
            yield store, files
        finally:
            store.close()


def snapshot(store: SqliteStore) -> Snapshot:
    """Every row of every table."""
    tables = [
        row[0]
        for row in store.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        table: sorted(store.db.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
        for table in tables
    }


def check_import(store: SqliteStore, path: Path, options: ImportOptions) -> ImportReport:
    """Import `path` and check the all-or-nothing property; returns the report."""
    before = snapshot(store)
    known_ids = {row[0] for row in store.db.execute("SELECT id FROM documents")}
    report = import_articles(store, [path], options)  # raising at all fails the test
    after = snapshot(store)
    if not report.ok:
        assert report.imported == 0
        for error in report.failed:
            assert str(path) in str(error)
            str(error).encode("utf-8")  # printable, in the terminal and in --json output
        assert after == before, "a refused import changed the database"
        return report
    assert not report.skipped or options.skip_bad
    for table in before:
        # Documents and their search index (search_text and its FTS5 shadow tables) grow
        # with an import; nothing else may change.
        if table != "documents" and not table.startswith("search_"):
            assert after[table] == before[table]
    new_ids = {row[0] for row in store.db.execute("SELECT id FROM documents")} - known_ids
    assert len(new_ids) == report.imported
    assert store.document(min(known_ids)).text == KNOWN
    for document_id in new_ids:
        check_text(store.document(document_id))
    return report


def check_text(document: Document) -> None:
    """A stored document's text: valid Unicode, cleaned, and what its hash says."""
    text = document.text
    assert text.encode("utf-8").decode("utf-8") == text  # no lone surrogates
    assert text_sha256(text) == document.text_sha256
    assert text.strip() and text == text.rstrip()
    assert "\r" not in text and not text.startswith("\ufeff")
    assert unicodedata.is_normalized("NFC", text)
    for value in (document.title, document.imported_from, document.external_id):
        (value or "").encode("utf-8")


# --- valid files ------------------------------------------------------------------------------

WORD = st.text(st.sampled_from(LETTERS), min_size=1, max_size=8)
LINE = st.lists(WORD, min_size=1, max_size=10).map(" ".join) | st.sampled_from(SENTENCES)
ARTICLE = st.builds(
    lambda lines, crlf: ("\r\n" if crlf else "\n").join(lines),
    st.lists(LINE, min_size=1, max_size=4),
    st.booleans(),
)
ARTICLES = st.lists(ARTICLE, min_size=1, max_size=4)


def json_file(articles: list[str], shape: str, ascii_only: bool) -> bytes:
    records = [{"id": i, "title": f"خبر {i}", "text": text} for i, text in enumerate(articles)]
    data: object = {
        "array": records,
        "wrapped": {"articles": records},
        "object": records[0],
    }[shape]
    return json.dumps(data, ensure_ascii=ascii_only).encode("utf-8")


def jsonl_file(articles: list[str], ascii_only: bool) -> bytes:
    lines = [json.dumps({"text": t, "source": "sana"}, ensure_ascii=ascii_only) for t in articles]
    return "\n".join(lines).encode("utf-8")


@st.composite
def member(draw: st.DrawFn) -> tuple[str, bytes]:
    """A valid .txt, .json or .jsonl file: (suffix, bytes)."""
    articles = draw(ARTICLES)
    suffix = draw(st.sampled_from([".txt", ".json", ".jsonl"]))
    if suffix == ".txt":
        return suffix, articles[0].encode("utf-8")
    if suffix == ".json":
        shape = draw(st.sampled_from(["array", "wrapped", "object"]))
        return suffix, json_file(articles, shape, draw(st.booleans()))
    return suffix, jsonl_file(articles, draw(st.booleans()))


def zip_of(members: dict[str, bytes], compression: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


COMPRESSIONS = st.sampled_from(
    [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]
)


# --- mutations --------------------------------------------------------------------------------

BOMS = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"]
ENCODINGS = ["utf-8", "utf-16-le", "utf-16", "cp1256", "latin-1", "utf-32"]


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` with one hostile change."""
    at = draw(st.integers(0, len(data)))
    kind = draw(
        st.sampled_from(
            [
                "truncate",
                "flip",
                "nul",
                "cut_sequence",
                "bom",
                "encoding",
                "splice",
                "delete",
                "surrogate",
                "digits",
            ]
        )
    )
    if kind == "truncate":
        return data[:at]
    if kind == "flip":
        flipped = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            if flipped:
                i = draw(st.integers(0, len(flipped) - 1))
                flipped[i] ^= 1 << draw(st.integers(0, 7))
        return bytes(flipped)
    if kind == "nul":
        return data[:at] + b"\x00" * draw(st.integers(1, 4)) + data[at:]
    if kind == "cut_sequence":  # drop a continuation byte, or stop inside a character
        leads = [i for i, byte in enumerate(data) if byte >= 0xC0]
        if not leads:
            return data[:at]
        i = draw(st.sampled_from(leads))
        return data[: i + 1] if draw(st.booleans()) else data[: i + 1] + data[i + 2 :]
    if kind == "bom":
        for bom in sorted(BOMS, key=len, reverse=True):
            if bom and data.startswith(bom):
                data = data[len(bom) :]
                break
        return draw(st.sampled_from(BOMS)) + data
    if kind == "encoding":
        text = data.decode("utf-8", "replace")
        return text.encode(draw(st.sampled_from(ENCODINGS)), "replace")
    if kind == "splice":
        return data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]
    if kind == "delete":
        return data[:at] + data[draw(st.integers(at, len(data))) :]
    if kind == "surrogate":  # a JSON escape for half a surrogate pair
        escape = draw(st.sampled_from([b"\\ud800", b"\\udfff", b"\\uD83D", b"\\ude00x"]))
        return data[:at] + escape + data[at:]
    return data[:at] + b"7" * draw(st.integers(4000, 5000)) + data[at:]  # digits


@st.composite
def hostile_file(draw: st.DrawFn) -> tuple[str, bytes]:
    """A damaged article file: (suffix, bytes)."""
    if draw(st.integers(0, 9)) == 0:  # now and then, noise
        return draw(st.sampled_from([".txt", ".json", ".jsonl", ".zip"])), draw(st.binary())
    suffix, data = draw(member())
    if draw(st.integers(0, 3)) == 0:  # zipped: damage a member, the archive, or both
        if draw(st.booleans()):
            data = draw(mutated(data))
        name = draw(st.sampled_from(["a", "مقالات/خبر", "../../evil"])) + suffix
        suffix, data = ".zip", zip_of({name: data}, draw(COMPRESSIONS))
    for _ in range(draw(st.integers(1, 3))):
        data = draw(mutated(data))
    return suffix, data


# --- properties -------------------------------------------------------------------------------


@examples(normal=400, slow=5000)
@given(hostile_file(), st.booleans())
def test_hostile_file_imports_cleanly_or_changes_nothing(
    file: tuple[str, bytes], strip_boilerplate: bool
) -> None:
    suffix, data = file
    with fresh_store() as (store, folder):
        path = folder / f"hostile{suffix}"
        path.write_bytes(data)
        check_import(store, path, ImportOptions(strip_boilerplate=strip_boilerplate))


@examples(normal=60, slow=1000)
@given(member(), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1256"]), st.booleans())
def test_valid_arabic_file_in_any_supported_encoding_imports(
    file: tuple[str, bytes], encoding: str, zipped: bool
) -> None:
    suffix, data = file
    text = data.decode("utf-8")
    if encoding == "cp1256":
        # Windows-1256 is recognised by Arabic letters outnumbering the others, which a
        # one-word article among JSON's English keys need not do: such a file is refused.
        letters = [c for c in text if c.isalpha()]
        arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
        assume(arabic > 2 * (len(letters) - arabic))
    # Emoji and Arabic-Indic digits have no Windows-1256 byte: left out.
    data = text.encode(encoding, "ignore")
    if zipped:
        suffix, data = ".zip", zip_of({f"a{suffix}": data}, zipfile.ZIP_DEFLATED)
    with fresh_store() as (store, folder):
        path = folder / f"good{suffix}"
        path.write_bytes(data)
        report = check_import(store, path, ImportOptions())
        assert report.ok, report.failed
        assert report.imported + report.duplicates >= 1


@st.composite
def surely_bad(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file that is bad by construction, whatever else was drawn: (suffix, bytes)."""
    suffix, data = draw(member())
    at = draw(st.integers(0, len(data)))
    kind = draw(st.sampled_from(["nul", "truncated", "deep", "surrogate", "digits", "zip"]))
    if kind == "nul":
        return suffix, data[:at] + b"\x00" + data[at:]
    if kind == "truncated":
        whole = json_file([KNOWN], "object", draw(st.booleans()))
        return ".json", whole[: draw(st.integers(0, 20))]
    if kind == "deep":
        return ".json", b"[" * 100_000
    if kind == "surrogate":
        return ".jsonl", b'{"text": "\\udc80 ' + data.hex().encode() + b'"}\n'
    if kind == "digits":
        return ".jsonl", b'{"text": "x", "id": ' + b"9" * 4301 + b"}\n"
    # A sound archive with a binary member (a corrupt archive has its own test below).
    return ".zip", zip_of({"a.txt": b"\x00" + data}, draw(COMPRESSIONS))


@examples(normal=60, slow=1000)
@given(st.lists(ARTICLE, min_size=1, max_size=5, unique=True), surely_bad(), COMPRESSIONS)
def test_skip_bad_imports_exactly_the_good_file(
    articles: list[str], bad: tuple[str, bytes], compression: int
) -> None:
    articles = [f"{i} {text} {KNOWN}" for i, text in enumerate(articles)]  # distinct, not KNOWN
    with fresh_store() as (store, folder):
        (folder / "good.jsonl").write_bytes(jsonl_file(articles, ascii_only=False))
        hostile = folder / f"hostile{bad[0]}"
        hostile.write_bytes(bad[1])
        before = {row[0] for row in store.db.execute("SELECT id FROM documents")}
        report = check_import(store, folder, ImportOptions(skip_bad=True))
        assert report.ok
        (skipped,) = report.skipped
        assert skipped.name in (str(hostile), f"{hostile}!a.txt")
        assert report.imported == len(articles)
        stored = {
            text
            for id_, text in store.db.execute("SELECT id, text FROM documents")
            if id_ not in before
        }
        assert stored == {clean_text(text).text for text in articles}


def test_skip_bad_skips_a_corrupt_zip_archive() -> None:
    with fresh_store() as (store, folder):
        (folder / "good.txt").write_text(f"1 {KNOWN}", encoding="utf-8")
        (folder / "bad.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
        report = check_import(store, folder, ImportOptions(skip_bad=True))
        assert report.ok and report.imported == 1 and len(report.skipped) == 1


# --- sizes and shapes no property reaches -----------------------------------------------------


def import_one(name: str, data: bytes) -> ImportReport:
    """Import one file into a fresh store with the all-or-nothing check."""
    with fresh_store() as (store, folder):
        path = folder / name
        path.write_bytes(data)
        return check_import(store, path, ImportOptions())


def only_error(report: ImportReport) -> str:
    assert not report.ok and len(report.failed) == 1
    return report.failed[0].message


def test_five_million_character_jsonl_line() -> None:
    text = ("قال المتحدث " * 500_000)[:5_000_000]
    line = json.dumps({"text": text}, ensure_ascii=False)
    report = import_one("long.jsonl", line.encode("utf-8") + b"\n")
    assert report.ok and report.imported == 1
    # The same line cut short, and a long line that is no JSON at all.
    cut = import_one("cut.jsonl", line[:-2].encode("utf-8"))
    assert only_error(cut).startswith("malformed JSON")
    assert only_error(import_one("noise.jsonl", b"x" * 5_000_000)).startswith("malformed JSON")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("deep.json", b"[" * 100_000, "JSON nested too deeply"),
        ("closed.json", b"[" * 100_000 + b"]" * 100_000, "JSON nested too deeply"),
        (
            "deep.jsonl",
            b'{"text": "x", "meta": ' + b"[" * 100_000 + b"\n",
            "JSON nested too deeply",
        ),
        ("objects.json", b'{"a": ' * 100_000, "JSON nested too deeply"),
        # Found by these tests: a plain ValueError from int() crashed the import.
        ("digits.json", b"[" + b"1" * 5000 + b"]", "malformed JSON (a number too long to read)"),
        # Found by these tests: SQLite's UnicodeEncodeError crashed the import.
        ("half.json", b'{"text": "\\ud83d alone"}', "record 1 holds \\ud83d, half of a surrogate"),
    ],
)
def test_json_shapes_that_break_parsers(name: str, data: bytes, message: str) -> None:
    assert only_error(import_one(name, data)).startswith(message)


@pytest.mark.parametrize("compression", [zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_zip_member_with_damaged_compressed_data(compression: int) -> None:
    # Found by these tests for LZMA: its LZMAError is no OSError and crashed the import.
    data = bytearray(zip_of({"a.txt": (KNOWN * 50).encode()}, compression))
    start = 30 + len("a.txt") + 8  # past the local header and LZMA's own little header
    data[start : start + 16] = bytes(byte ^ 0x55 for byte in data[start : start + 16])
    message = only_error(import_one("damaged.zip", bytes(data)))
    assert message.startswith("cannot read from zip archive")


def test_surrogate_pair_escape_is_one_character() -> None:
    report = import_one("pair.json", b'{"text": "\\u0642\\u0627\\u0644 \\ud83d\\ude00"}')
    assert report.ok and report.imported == 1


def test_huge_array_of_numbers() -> None:
    data = ("[" + ",".join(str(i * 7919 % 1_000_003) for i in range(1_000_000)) + "]").encode()
    assert only_error(import_one("numbers.json", data)) == "record 1 is a number, not a JSON object"


def test_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    # Found by these tests: an Arabic name unzipped from Windows keeps its Windows-1256 bytes,
    # which Python gives as lone surrogates; storing them crashed the whole import.
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    try:
        with open(os.path.join(folder, b"\xc7\xe1\xce\xc8\xd1.txt"), "wb") as file:
            file.write(KNOWN.encode() + "؟".encode())
    except OSError:  # pragma: no cover - a file system that only takes UTF-8 names
        pytest.skip("this file system refuses names that are not UTF-8")
    with fresh_store() as (store, _):
        report = check_import(store, Path(os.fsdecode(folder)), ImportOptions())
        assert report.ok and report.imported == 1
        (title,) = store.db.execute("SELECT title FROM documents WHERE id > 1").fetchone()
        assert title == "\ufffd" * 5


def test_zip_path_traversal_names_are_only_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Members are only read, never extracted. A name with a ".." part is passed over like a
    # hidden file (its parts start with a dot); an absolute name is only a label.
    members = {
        "../../evil.txt": f"1 {KNOWN}",
        "..\\..\\evil.txt": f"2 {KNOWN}",
        "a/../../../evil.jsonl": json.dumps({"text": f"3 {KNOWN}"}),
        "/tmp/evil.txt": f"4 {KNOWN}",
        "good.txt": f"5 {KNOWN}",
    }
    archive = tmp_path / "in" / "traversal.zip"
    archive.parent.mkdir()
    archive.write_bytes(zip_of({k: v.encode() for k, v in members.items()}, zipfile.ZIP_DEFLATED))
    cwd = tmp_path / "a" / "b" / "c"
    cwd.mkdir(parents=True)
    monkeypatch.chdir(cwd)  # where "../../evil.txt" would land if anything were extracted
    listing = sorted(tmp_path.rglob("*"))
    evil = Path("/tmp/evil.txt").exists()
    with fresh_store() as (store, _):
        report = check_import(store, archive, ImportOptions())
        assert report.ok and report.imported == 2
        origins = {row[0] for row in store.db.execute("SELECT imported_from FROM documents")}
    assert origins == {None, f"{archive}!/tmp/evil.txt", f"{archive}!good.txt"}
    assert sorted(tmp_path.rglob("*")) == listing
    assert Path("/tmp/evil.txt").exists() == evil


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 0.7 MB zip holding a good article and a 200 MB member of valid JSON Lines."""
    line = (json.dumps({"text": "قال المتحدث " * 40}, ensure_ascii=False) + "\n").encode()
    chunk = line * (2**20 // len(line))
    path = tmp_path_factory.mktemp("bomb") / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("a.txt", KNOWN + " ثانية")
        with archive.open("bomb.jsonl", "w") as big:
            for _ in range(200 * 2**20 // len(chunk)):
                big.write(chunk)
    return path


def peak_memory(action: Callable[[], ImportReport]) -> tuple[ImportReport, int]:
    tracemalloc.start()
    try:
        return action(), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_zip_bomb_member_is_refused_before_it_is_read(bomb: Path) -> None:
    # Found by these tests: the member was read whole and imported (200 MB held at once, and
    # several times that while decoded and parsed); one over MAX_ZIP_MEMBER_BYTES is now
    # refused unread.
    assert zipfile.ZipFile(bomb).getinfo("bomb.jsonl").file_size > MAX_ZIP_MEMBER_BYTES
    with fresh_store() as (store, _):
        report, peak = peak_memory(lambda: check_import(store, bomb, ImportOptions()))
        assert only_error(report).startswith("zip member too large (200 MB uncompressed")
        assert report.failed[0].name == f"{bomb}!bomb.jsonl"
        skipped, _ = peak_memory(lambda: check_import(store, bomb, ImportOptions(skip_bad=True)))
        assert skipped.imported == 1 and len(skipped.skipped) == 1
    assert peak < 20 * 2**20


def test_zip_member_whose_header_understates_its_size(bomb: Path, tmp_path: Path) -> None:
    # Found by these tests: ZipFile.read() inflated all of the member's data in one go before
    # cutting it to the header's size (460 MB traced here, for a member "of 1000 bytes"). Read
    # a chunk at a time, it stops at that size and fails the CRC check.
    data = bytearray(bomb.read_bytes())
    with zipfile.ZipFile(bomb) as archive:
        directory = archive.start_dir
    last = data.rindex(b"PK\x01\x02", directory)  # bomb.jsonl's entry, written second
    assert data[last + 46 : last + 46 + 10] == b"bomb.jsonl"
    data[last + 24 : last + 28] = (1000).to_bytes(4, "little")  # uncompressed size
    liar = tmp_path / "liar.zip"
    liar.write_bytes(bytes(data))
    with fresh_store() as (store, _):
        report, peak = peak_memory(lambda: check_import(store, liar, ImportOptions()))
    assert "cannot read from zip archive" in only_error(report)
    assert peak < 20 * 2**20


@needs_slow
def test_fifty_megabyte_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.jsonl"
    paragraph = "قال المتحدث باسم الوزارة إن الاجتماع عقد في دمشق، وأضاف أن المحادثات ستستمر. "
    count = 0
    with path.open("w", encoding="utf-8") as file:
        while file.tell() < 50 * 2**20:
            record = {"id": count, "title": f"خبر {count}", "text": f"{count} " + paragraph * 25}
            file.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    size = path.stat().st_size
    with fresh_store() as (store, _):
        started = time.perf_counter()
        report = import_articles(store, [path], ImportOptions(strip_boilerplate=True))
        seconds = time.perf_counter() - started
        assert report.ok and report.imported == count
    with fresh_store() as (store, _):  # again, traced (which slows it): the memory figure
        report, peak = peak_memory(lambda: import_articles(store, [path], ImportOptions()))
        assert report.ok and report.imported == count
    # ru_maxrss is in KiB on Linux, bytes on macOS.
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (
        1 if sys.platform == "darwin" else 1024
    )
    with capsys.disabled():
        print(
            f"\n50 MB JSONL: {size / 2**20:.1f} MiB, {count} articles, imported in {seconds:.1f} s;"
            f" traced import peak {peak / 2**20:.0f} MiB (Python allocations),"
            f" process max RSS {rss / 2**20:.0f} MiB"
        )
    assert seconds < 60
    assert peak < 8 * size
