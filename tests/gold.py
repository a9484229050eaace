"""Hand-made gold annotations of corpus articles, loaded into a store for tests.

A gold file (tests/fixtures/gold/*.json) holds offsets, labels, attributes, links and short
entity names, never the article itself: the article stays in ../shared/corpus, the file records
the SHA-256 of the text its offsets point into (the article as `import --strip-boilerplate`
stores it), and every covered text is rebuilt from the stored document at load time.

An attribute value written as {"start": a, "end": b} is the article's text at those offsets
(a SPEAKER's role), so no title has to be copied into the file either.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotation.model import (
    AttributeValue,
    DocumentId,
    Entity,
    EntityId,
    EntityKind,
    Link,
    Span,
    SpanId,
)
from annotation.ports import Store
from annotation.tagset import TagSet, load_tagset
from tests.conftest import missing_corpus

ROOT = Path(__file__).resolve().parent.parent
GOLD = Path(__file__).resolve().parent / "fixtures" / "gold"
SANA_GOLD = GOLD / "sana-syria-russia.json"
FORMAT, VERSION = "hamish-gold", 1


class GoldError(ValueError):
    """A gold file that cannot be read or does not fit the store; the message names the file."""


def read_gold(path: Path = SANA_GOLD) -> dict[str, Any]:
    """The gold file's data, after checking its format and version."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise GoldError(f"{path}: cannot read the gold file ({error})") from None
    if not isinstance(data, dict) or (data.get("format"), data.get("version")) != (
        FORMAT,
        VERSION,
    ):
        raise GoldError(f'{path}: expected {{"format": "{FORMAT}", "version": {VERSION}, ...}}')
    return data


def gold_document_path(path: Path = SANA_GOLD) -> Path:
    """The corpus article a gold file annotates, or skip the test when it is not here."""
    source = (ROOT / str(read_gold(path)["source"])).resolve()
    if not source.exists():
        missing_corpus(
            f"the gold file {path.name} needs the shared corpus file {source}, which is not here "
            "(see ../shared/corpus/README.md)"
        )
    return source


def find_document(store: Store, sha256: str, path: Path) -> DocumentId:
    """The stored document whose text has this SHA-256; GoldError naming `path` if none has."""
    if sha256 in store.known_hashes([sha256]):
        for summary in store.document_summaries():
            if store.document(summary.id).text_sha256 == sha256:
                return summary.id
    raise GoldError(
        f"{path}: no stored document has text_sha256 {sha256}; the gold offsets fit only the "
        'article imported from its "source" with strip_boilerplate as recorded there '
        "(has the article or the clean-up changed?)"
    )


def load_gold(
    store: Store, path: Path = SANA_GOLD, annotator: str = "gold", tagset: TagSet | None = None
) -> dict[str, SpanId]:
    """Add a gold file's entities, spans and links to `store` in `annotator`'s layer, in one
    transaction; returns the stored id of each span key ("s1", "c1", "l1", ...).

    Entities are shared by the corpus: one already stored with the same kind and name is
    reused. Raises GoldError naming the file when the document is not in the store or the
    file does not fit it; then nothing is stored.
    """
    tagset = tagset or load_tagset()
    gold = read_gold(path)
    document_id = find_document(store, gold["text_sha256"], path)
    text = store.document(document_id).text
    ids: dict[str, SpanId] = {}
    with store.transaction():
        entities = _add_entities(store, gold.get("entities", []), path)
        for item in gold.get("spans", []):
            key = item.get("key")
            where = f"{path}: span {key!r}"
            if not key or key in ids:
                raise GoldError(f"{where}: every span needs a key of its own")
            label = tagset.find(item.get("label", ""))
            start, end = item.get("start"), item.get("end")
            if label is None:
                raise GoldError(f"{where}: unknown label {item.get('label')!r}")
            if not (
                isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
            ):
                raise GoldError(f"{where}: offsets {start}-{end} do not fit the text")
            attributes = {
                name: _attribute(value, text, where)
                for name, value in item.get("attributes", {}).items()
            }
            try:
                label.check_attributes(attributes)
            except ValueError as error:
                raise GoldError(f"{where}: {error}") from None
            entity = item.get("entity")
            if entity is not None and entity not in entities:
                raise GoldError(f"{where}: unknown entity {entity!r}")
            span = Span(
                document_id,
                annotator,
                label.name,
                start,
                end,
                text[start:end],
                attributes,
                entities[entity] if entity is not None else None,
            )
            stored = store.add_span(span).id
            assert stored is not None
            ids[key] = stored
        for link in gold.get("links", []):
            source, target = link.get("from"), link.get("to")
            if source not in ids or target not in ids:
                raise GoldError(f"{path}: link {source!r} -> {target!r} names an unknown span")
            store.add_link(Link(link.get("kind", "ATTRIBUTED_TO"), ids[source], ids[target]))
    return ids


def _add_entities(store: Store, items: list[dict[str, Any]], path: Path) -> dict[str, EntityId]:
    known = {(e.kind, e.name): e.id for e in store.entities()}
    entities: dict[str, EntityId] = {}
    for item in items:
        key = item.get("key")
        try:
            kind = EntityKind(str(item.get("kind")))
        except ValueError:
            raise GoldError(f"{path}: entity {key!r} has an unknown kind") from None
        if not key or key in entities or not item.get("name"):
            raise GoldError(f"{path}: entity {key!r} needs a key of its own and a name")
        entity_id = known.get((kind, item["name"]))
        if entity_id is None:
            entity = Entity(kind, item["name"], tuple(item.get("aliases", ())))
            entity_id = store.add_entity(entity).id
        assert entity_id is not None
        entities[key] = entity_id
    return entities


def _attribute(value: Any, text: str, where: str) -> AttributeValue:
    """An attribute value; {"start": a, "end": b} stands for the article's text there."""
    if not isinstance(value, dict):
        return value  # type: ignore[no-any-return]
    start, end = value.get("start"), value.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise GoldError(f"{where}: attribute offsets {start}-{end} do not fit the text")
    return text[start:end]
