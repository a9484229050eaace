"""Tests for annotation.sources and annotation.article_records: finding article files,
decoding them, reading records."""

from __future__ import annotations

import json
import pickle
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotation.article_records import ArticleRecord, read_articles
from annotation.decoding import decode
from annotation.sources import SourceError, SourceFile, discover
from tests.conftest import missing_corpus

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
SAUDI = CORPUS / "saudinewsnet"
ARABIC = "قال المتحدث باسم الوزارة إن الاجتماع عقد في دمشق.\nوأضاف أن المحادثات ستستمر."
NOT_TEXT = "not UTF-8, UTF-16 or Windows-1256 text"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"


def one_file(tmp_path: Path, name: str, data: bytes | str) -> SourceFile:
    """Write a file and discover it as the only source."""
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    (found,) = discover([path])
    return found


def read_one(tmp_path: Path, name: str, data: bytes | str) -> list[ArticleRecord]:
    """Write a file and read its articles."""
    return read_articles(one_file(tmp_path, name, data))


def error_of(tmp_path: Path, name: str, data: bytes | str) -> SourceError:
    """Write a file and return the SourceError reading it raises."""
    with pytest.raises(SourceError) as caught:
        read_one(tmp_path, name, data)
    return caught.value


# --- decoding ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARABIC.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + ARABIC.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + ARABIC.encode("utf-16-le"), "utf-16"),
        (b"\xfe\xff" + ARABIC.encode("utf-16-be"), "utf-16"),
        (ARABIC.encode("cp1256"), "windows-1256"),
        (b"plain ASCII\tis UTF-8\r\n", "utf-8"),
        (b"", "utf-8"),
    ],
)
def test_decode_encodings(data: bytes, encoding: str) -> None:
    text, found = decode(data, "a.txt")
    assert found == encoding
    assert text == data.decode({"windows-1256": "cp1256"}.get(encoding, encoding))
    assert not text.startswith("\ufeff")  # the BOM belongs to the encoding, not the text


def test_decode_windows_1256_mixed_with_latin() -> None:
    text = "صرح وزير الخارجية لوكالة Reuters بأن 3 اجتماعات عقدت في Genève."
    assert decode(text.encode("cp1256"), "a.txt") == (text, "windows-1256")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (PNG, "binary file"),
        (b"\x01\x02\x03\x04 text with many control characters \x05\x06\x07", "binary file"),
        (b"\xff\xfe" + "نص".encode("utf-16-le") + b"\x00\x00", "binary file"),
        ("Le ministre a déclaré à Genève".encode("latin-1"), NOT_TEXT),
        ("Министр иностранных дел заявил в Москве".encode("cp1251"), NOT_TEXT),
        (
            b"\xff\xfe" + "نص".encode("utf-16-le") + b"\x00",
            "not valid UTF-16 text (truncated data)",
        ),
    ],
)
def test_decode_rejects(data: bytes, message: str) -> None:
    with pytest.raises(SourceError) as caught:
        decode(data, "data/x.txt")
    assert caught.value.message == message
    assert caught.value.name == "data/x.txt"
    assert caught.value.line is None
    assert str(caught.value) == f"data/x.txt: {message}"


def test_decode_reports_line_of_bad_byte_in_utf8_file() -> None:
    data = "سطر أول\nسطر ثان\n".encode() + b"bad \xff byte\n" + "سطر رابع".encode()
    with pytest.raises(SourceError) as caught:
        decode(data, "a.txt")
    assert (caught.value.line, caught.value.message) == (3, "invalid UTF-8 byte 0xFF")
    assert str(caught.value) == "a.txt, line 3: invalid UTF-8 byte 0xFF"


def test_decode_reports_line_of_bad_byte_after_utf8_bom() -> None:
    data = b"\xef\xbb\xbf" + "أ\nب\n".encode() + b"\xc3("
    with pytest.raises(SourceError) as caught:
        decode(data, "a.txt")
    assert caught.value.line == 3


_TEXT = st.text(st.characters(exclude_categories=["Cc", "Cs"], exclude_characters="\ufeff"))


@given(_TEXT)
def test_decode_round_trips_unicode(text: str) -> None:
    assert decode(text.encode("utf-8"), "a") == (text, "utf-8")
    assert decode(text.encode("utf-8-sig"), "a") == (text, "utf-8-sig")
    assert decode(text.encode("utf-16"), "a") == (text, "utf-16")


@given(
    st.text(st.sampled_from("ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي \n"), min_size=1).filter(
        lambda t: t.strip()
    )
)
def test_decode_round_trips_windows_1256_arabic(text: str) -> None:
    assert decode(text.encode("cp1256"), "a") == (text, "windows-1256")


def test_source_error_pickles() -> None:
    error = pickle.loads(pickle.dumps(SourceError("a.jsonl", "malformed JSON (x)", 3)))
    assert (error.name, error.message, error.line) == ("a.jsonl", "malformed JSON (x)", 3)
    assert str(error) == "a.jsonl, line 3: malformed JSON (x)"


# --- plain text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARABIC.encode(), "utf-8"),
        (b"\xef\xbb\xbf" + ARABIC.encode(), "utf-8-sig"),
        (ARABIC.encode("utf-16"), "utf-16"),
        (b"\xfe\xff" + ARABIC.encode("utf-16-be"), "utf-16"),
        (ARABIC.encode("cp1256"), "windows-1256"),
    ],
)
def test_txt_is_one_article(tmp_path: Path, data: bytes, encoding: str) -> None:
    (record,) = read_one(tmp_path, "news/2016-03-30 سانا.txt", data)
    name = str(tmp_path / "news/2016-03-30 سانا.txt")
    assert record == ArticleRecord(
        name, ARABIC, encoding, title="2016-03-30 سانا", external_id="2016-03-30 سانا"
    )


def test_txt_errors(tmp_path: Path) -> None:
    assert error_of(tmp_path, "image.txt", PNG).message == "binary file"
    error = error_of(tmp_path, "latin.txt", "café crème".encode("latin-1"))
    assert str(error) == f"{tmp_path / 'latin.txt'}: not UTF-8, UTF-16 or Windows-1256 text"


def test_empty_txt_is_returned_for_the_importer_to_skip(tmp_path: Path) -> None:
    (record,) = read_one(tmp_path, "empty.txt", b"")
    assert (record.text, record.encoding) == ("", "utf-8")


def test_explicit_file_with_unknown_suffix(tmp_path: Path) -> None:
    source = one_file(tmp_path, "article.md", ARABIC)
    assert source.suffix == ".txt"
    assert read_articles(source)[0].text == ARABIC
    (tmp_path / "picture.png").write_bytes(PNG)
    with pytest.raises(SourceError) as caught:
        discover([tmp_path / "picture.png"])
    assert str(caught.value) == f"{tmp_path / 'picture.png'}: binary file"


# --- JSON Lines -------------------------------------------------------------------------------


def jsonl(*lines: object) -> str:
    """JSON Lines text: objects are dumped, strings kept as written."""
    return "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines)


def test_jsonl_good(tmp_path: Path) -> None:
    data = (
        jsonl(
            {"id": 1, "title": "عنوان", "text": "نص أول"},
            "",
            "   ",
            {
                "ID": "b7",
                "Headline": "ثان",
                "Body": "نص ثان",
                "Link": "http://x/2",
                "Publisher": "sana",
                "published_at": "2016-03-30",
            },
            {"content": "   "},
        )
        + "\r\n"
    )
    records = read_one(tmp_path, "a.ndjson", data)
    name = str(tmp_path / "a.ndjson")
    assert records == [
        ArticleRecord(f"{name} line 1", "نص أول", "utf-8", title="عنوان", external_id="1"),
        ArticleRecord(
            f"{name} line 4",
            "نص ثان",
            "utf-8",
            title="ثان",
            external_id="b7",
            url="http://x/2",
            source="sana",
            date="2016-03-30",
        ),
        ArticleRecord(f"{name} line 5", "   ", "utf-8"),
    ]


def test_jsonl_keeps_line_separators_inside_strings(tmp_path: Path) -> None:
    (record,) = read_one(tmp_path, "a.jsonl", '{"text": "أ\u2028ب\u2029ج"}\n')
    assert record.text == "أ\u2028ب\u2029ج"


@pytest.mark.parametrize(
    ("line3", "message"),
    [
        ('{"text": "x" "title": "y"}', "malformed JSON (Expecting ',' delimiter)"),
        ('["text", "x"]', "expected a JSON object, found an array"),
        ('"just a string"', "expected a JSON object, found a string"),
        (
            '{"title": "y", "author": "z"}',
            "record 3 has no text field (text, content, body, article or story); "
            "its keys are: title, author",
        ),
        ('{"text": 42}', 'record 3: "text" is a number, not a string'),
    ],
)
def test_jsonl_bad_line_3(tmp_path: Path, line3: str, message: str) -> None:
    data = jsonl({"text": "1"}, {"text": "2"}, line3, {"text": "4"})
    error = error_of(tmp_path, "a.jsonl", data)
    assert (error.line, error.message) == (3, message)
    assert str(error) == f"{tmp_path / 'a.jsonl'}, line 3: {message}"


# --- JSON -------------------------------------------------------------------------------------

ITEMS = [{"_id": "x1", "title": "أ", "text": "نص أ"}, {"_id": "x2", "title": "ب", "text": "نص ب"}]


@pytest.mark.parametrize("wrapper", ["articles", "Data", "items", "documents", "whatever"])
def test_json_wrapped_array(tmp_path: Path, wrapper: str) -> None:
    data = json.dumps({"count": 2, wrapper: ITEMS}, ensure_ascii=False)
    records = read_one(tmp_path, "w.json", data)
    assert [(r.origin[-8:], r.external_id, r.title, r.text) for r in records] == [
        ("record 1", "x1", "أ", "نص أ"),
        ("record 2", "x2", "ب", "نص ب"),
    ]


def test_json_array_and_single_object(tmp_path: Path) -> None:
    records = read_one(tmp_path, "a.json", json.dumps(ITEMS, indent=2))
    assert [r.origin for r in records] == [f"{tmp_path / 'a.json'} record {i}" for i in (1, 2)]
    single = {
        "Article": "نص",
        "uuid": 12,
        "site": {"id": "x", "name": "الوطن"},
        "date": None,
        "datetime": "2015-07-21",
        "url": ["not", "a", "string"],
        "link": "http://l",
    }
    (record,) = read_one(tmp_path, "one.json", json.dumps(single))
    assert record == ArticleRecord(
        str(tmp_path / "one.json"), "نص", "utf-8", "", "12", "http://l", "الوطن", "2015-07-21"
    )


def test_json_null_text_is_empty(tmp_path: Path) -> None:
    (record,) = read_one(tmp_path, "a.json", '[{"story": null, "title": "t"}]')
    assert (record.text, record.title) == ("", "t")


def test_json_malformed_reports_line(tmp_path: Path) -> None:
    data = '[\n  {"text": "a"},\n  {"text": "b"}\n  {"text": "c"}\n]'
    error = error_of(tmp_path, "a.json", data)
    assert (error.line, error.message) == (4, "malformed JSON (Expecting ',' delimiter)")
    assert error_of(tmp_path, "empty.json", "").line == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            [{"text": "a"}, {"id": 2, "Title": "t"}],
            "record 2 has no text field (text, content, body, article or story); "
            "its keys are: id, Title",
        ),
        (
            {"title": "t"},
            "record 1 has no text field (text, content, body, article or story); its keys are: title",
        ),
        ([{"text": "a"}, "b"], "record 2 is a string, not a JSON object"),
        ([{"body": ["a", "b"]}], 'record 1: "body" is an array, not a string'),
        (7, "expected an array of articles or an article object, found a number"),
    ],
)
def test_json_bad_records(tmp_path: Path, data: object, message: str) -> None:
    error = error_of(tmp_path, "a.json", json.dumps(data))
    assert (error.message, error.line) == (message, None)


# --- discovery --------------------------------------------------------------------------------


def test_discover_folder(tmp_path: Path) -> None:
    for name in [
        "b.txt",
        "a.jsonl",
        "sub/z.json",
        "sub/deeper/c.ndjson",
        "sub/notes.md",
        "picture.PNG",
        ".hidden.txt",
        ".git/x.txt",
        "sub/.cache/y.txt",
        "UPPER.TXT",
    ]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}")
    found = discover([tmp_path])
    assert [Path(f.name).relative_to(tmp_path).as_posix() for f in found] == [
        "UPPER.TXT",
        "a.jsonl",
        "b.txt",
        "sub/deeper/c.ndjson",
        "sub/z.json",
    ]
    assert [f.suffix for f in found] == [".txt", ".jsonl", ".txt", ".ndjson", ".json"]
    # A file given both on its own and inside a given folder is listed once, first come.
    again = discover([tmp_path / "b.txt", tmp_path, tmp_path / "b.txt"])
    assert [f.name for f in again] == [str(tmp_path / "b.txt")] + [
        f.name for f in found if not f.name.endswith("b.txt")
    ]


def test_files_are_read_only_when_asked(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("قديم", encoding="utf-8")
    (source,) = discover([tmp_path])
    (tmp_path / "a.txt").write_text("جديد", encoding="utf-8")
    assert read_articles(source)[0].text == "جديد"
    (tmp_path / "a.txt").unlink()
    with pytest.raises(SourceError) as caught:
        read_articles(source)
    assert caught.value.name == str(tmp_path / "a.txt")
    assert caught.value.message == "cannot read file (No such file or directory)"


def test_discover_missing_path(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        discover([tmp_path / "nope"])
    assert str(caught.value) == f"{tmp_path / 'nope'}: no such file or folder"


def make_zip(path: Path, members: dict[str, str | bytes]) -> Path:
    """Write a zip archive with the given members."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_zip_members(tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "batch.zip",
        {
            "docs/2.jsonl": jsonl({"text": "ب"}, {"text": "ج"}),
            "docs/1.txt": ARABIC.encode("cp1256"),
            "docs/": b"",
            "__MACOSX/docs/._1.txt": b"\x00\x05\x16\x07",
            "docs/._2.jsonl": b"\x00\x05",
            "docs/image.png": PNG,
            "inner.zip": b"PK\x05\x06" + bytes(18),
        },
    )
    found = discover([archive])
    assert [(f.name, f.suffix) for f in found] == [
        (f"{archive}!docs/1.txt", ".txt"),
        (f"{archive}!docs/2.jsonl", ".jsonl"),
        (f"{archive}!inner.zip", ".zip"),
    ]
    assert read_articles(found[1]) == [
        ArticleRecord(f"{archive}!docs/2.jsonl line 1", "ب", "utf-8"),
        ArticleRecord(f"{archive}!docs/2.jsonl line 2", "ج", "utf-8"),
    ]
    (text,) = read_articles(found[0])
    assert (text.text, text.encoding, text.title) == (ARABIC, "windows-1256", "1")
    with pytest.raises(SourceError, match="zip archives inside zip archives are not supported"):
        read_articles(found[2])
    assert read_articles(found[1])[0].text == "ب"  # reading again reopens the archive


def test_corrupt_zip(tmp_path: Path) -> None:
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(SourceError) as caught:
        discover([tmp_path])
    assert caught.value.name == str(tmp_path / "bad.zip")
    assert caught.value.message.startswith("corrupt zip archive")


def test_zip_member_damaged_after_discovery(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "a.zip", {"a.txt": "نص " * 1000})
    (source,) = discover([archive])
    data = bytearray(archive.read_bytes())
    data[60:90] = bytes(30)  # inside the compressed data
    archive.write_bytes(bytes(data))
    with pytest.raises(SourceError) as caught:
        read_articles(source)
    assert caught.value.name == f"{archive}!a.txt"
    assert caught.value.message.startswith("cannot read from zip archive")


# --- the real corpus --------------------------------------------------------------------------


def saudi_zip(day: str) -> Path:
    """A SaudiNewsNet archive from the shared corpus, or skip."""
    path = SAUDI / f"{day}.zip"
    if not path.is_file():
        missing_corpus(f"SaudiNewsNet corpus not found at {path} (see ../shared/corpus/README.md)")
    return path


def test_saudinewsnet_2015_07_21() -> None:
    path = saudi_zip("2015-07-21")
    (source,) = discover([path])
    assert (source.name, source.suffix) == (f"{path}!2015-07-21.json", ".json")
    records = read_articles(source)
    assert len(records) == 2972
    # The corpus README's "96 empty" counts both days; this one has 41 empty, 43 blank-only.
    assert sum(1 for r in records if not r.text) == 41
    assert sum(1 for r in records if not r.text.strip()) == 84
    assert sum(1 for r in records if not r.title) == 23
    first = records[0]
    assert first.origin == f"{path}!2015-07-21.json record 1"
    assert (first.source, first.date, first.encoding) == ("aawsat", "2015-07-21 02:51:32", "utf-8")
    assert first.title == "بريطانيا: أربعة محاور لاستراتيجية جديدة تتصدى للتطرف على مدى خمس سنوات"
    assert first.url is not None and first.url.startswith("http://aawsat.com/home/article/410826/")
    assert first.external_id is None
    assert first.text.startswith("حدد رئيس الوزراء البريطاني ديفيد كاميرون")


def test_saudinewsnet_both_days() -> None:
    found = discover([saudi_zip("2015-07-21").parent])
    records = [r for source in found for r in read_articles(source)]
    assert len(records) == 2972 + 2050
    assert sum(1 for r in records if not r.text.strip()) == 96


# --- issue 13: UTF-16 without a byte-order mark, mixed encodings, control characters ----------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_decode_utf16_without_bom(codec: str) -> None:
    assert decode(ARABIC.encode(codec), "a.txt") == (ARABIC, codec)


def test_decode_binary_with_zeros_on_one_side_is_still_binary() -> None:
    # Zero bytes at every other position, but what lies between decodes to no text.
    data = bytes(b for i in range(400) for b in (0x80 + i % 100, 0x00))
    with pytest.raises(SourceError) as caught:
        decode(data, "a.bin")
    assert caught.value.message == "binary file"


@given(st.text(alphabet="ءابتثجحخدذرزسشصضطظعغفقكلمنهوي ", min_size=20, max_size=200))
def test_decode_utf16_le_without_bom_round_trips_arabic_with_spaces(text: str) -> None:
    text = f"قال {text} أمس."  # spaces and a full stop: ASCII, with their zero bytes
    assert decode(text.encode("utf-16-le"), "a") == (text, "utf-16-le")


def test_decode_refuses_utf8_and_windows_1256_lines_in_one_file() -> None:
    first, second = ARABIC.split("\n")
    data = first.encode() + b"\n" + second.encode("cp1256")
    with pytest.raises(SourceError) as caught:
        decode(data, "a.txt")
    assert caught.value.line == 2
    assert caught.value.message.startswith("not UTF-8 like line 1 (Windows-1256?)")


def test_source_error_escapes_control_characters() -> None:
    error = SourceError("a\x1b[2J.txt", "key \x00\x07 here", 3)
    assert str(error) == "a\\x1b[2J.txt, line 3: key \\x00\\x07 here"
    assert error.name == "a\x1b[2J.txt"  # the path itself, to find the file
    assert str(pickle.loads(pickle.dumps(error))) == str(error)


def test_record_fields_lose_control_characters(tmp_path: Path) -> None:
    record = {"text": ARABIC, "title": "\x1b[1mخبر\x1b[0m\x00", "id": "7\x07", "source": "\x9bsana"}
    (article,) = read_articles(one_file(tmp_path, "a.json", json.dumps(record)))
    assert (article.title, article.external_id, article.source) == ("خبر", "7", "sana")
