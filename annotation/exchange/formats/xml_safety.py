"""Reading XML that came from elsewhere safely: UTF-8 only, no DTD, no entity (XXE, billion
laughs), and type systems bounded before cassis sorts them.

A file that is not UTF-8, holds NUL bytes (UTF-16 without a byte-order mark) or declares
another encoding (UTF-7) is refused, so a DOCTYPE or an entity declaration cannot hide from the
check that refuses them; a parser that loads no DTD and expands no entity then refuses any
DOCTYPE it finds. Used by the XMI reader for its files, whether on disk or inside a ZIP.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from annotation.exchange.bundle import FormatError
from annotation.exchange.records import file_bytes

_UNSAFE = (b"<!DOCTYPE", b"<!ENTITY")
_DECLARED_ENCODING = re.compile(r"""<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")


def safe_bytes(path: Path) -> bytes:
    """The file's bytes, refused unless `safe_xml` accepts them."""
    return safe_xml(path, file_bytes(path))


def safe_xml(name: Path | str, data: bytes) -> bytes:
    """`data`, refused (naming `name`) unless it is UTF-8 XML without a DOCTYPE or an entity
    declaration (XXE, billion laughs). The check cannot be hidden by an encoding: bytes that
    are not UTF-8, NUL bytes (UTF-16 or UTF-32 without a byte-order mark pass as UTF-8 on
    ASCII text, `<` then NUL), and an XML declaration naming another encoding (UTF-7 writes
    `<` as `+ADw-`) are refused before any XML parser sees them; then a parser that loads no
    DTD and expands no entity reads the file, and any DOCTYPE it found is refused too."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FormatError(
            name, f"not UTF-8 (byte {error.start}): Hamish reads UTF-8 XML only"
        ) from None
    if "\x00" in text:
        raise FormatError(
            name,
            f"holds a NUL byte (at byte {data.index(0)}): UTF-16 or UTF-32 without a byte-order"
            " mark? Hamish reads UTF-8 XML only",
        )
    declared = _DECLARED_ENCODING.match(text.removeprefix("\ufeff"))
    if declared and declared[1].lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise FormatError(name, f"declares encoding {declared[1]!r}: Hamish reads UTF-8 XML only")
    for marker in _UNSAFE:
        if marker in data:
            raise FormatError(
                name, f"contains {marker.decode()}: DTDs and entities are refused (unsafe XML)"
            )
    parse_safely(name, data)
    return data


def parse_safely(name: Path | str, data: bytes) -> etree._Element:
    """The XML tree, read by a parser that loads no DTD, expands no entity and reaches no
    network; a DOCTYPE is refused."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise FormatError(
            name, f"not well-formed XML ({error.msg})", f"line {error.lineno}"
        ) from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise FormatError(name, "declares a DOCTYPE: DTDs and entities are refused (unsafe XML)")
    return root


# A type system far beyond any real one (INCEpTION's and DKPro Core's have a few hundred types,
# inheritance a few levels deep) is refused: cassis sorts types in superlinear time.
MAX_TYPES, MAX_DEPTH = 1_000, 50


def check_typesystem(name: Path | str, data: bytes) -> None:
    """Refuse a TypeSystem.xml with more than MAX_TYPES types or an inheritance chain deeper
    than MAX_DEPTH (or a cycle), before cassis loads it."""
    root = parse_safely(name, data)
    supertypes: dict[str, str] = {}
    for number, description in enumerate(root.iter("{*}typeDescription"), start=1):
        if number > MAX_TYPES:
            raise FormatError(name, f"more than {MAX_TYPES} types: not a type system Hamish reads")
        type_name = description.findtext("{*}name") or ""
        supertypes[type_name.strip()] = (description.findtext("{*}supertypeName") or "").strip()
    depths: dict[str, int] = {}
    for type_name in supertypes:
        chain: list[str] = []
        at = type_name
        while at in supertypes and at not in depths:
            if at in chain:
                raise FormatError(name, f"type {at!r} inherits from itself", f"type {at!r}")
            chain.append(at)
            if len(chain) > MAX_DEPTH:
                raise FormatError(
                    name,
                    f"inheritance deeper than {MAX_DEPTH} levels: not a type system Hamish reads",
                    f"type {type_name!r}",
                )
            at = supertypes[at]
        base = depths.get(at, 0)
        for offset, each in enumerate(reversed(chain), start=1):
            depths[each] = base + offset
            if depths[each] > MAX_DEPTH:
                raise FormatError(
                    name,
                    f"inheritance deeper than {MAX_DEPTH} levels: not a type system Hamish reads",
                    f"type {each!r}",
                )
