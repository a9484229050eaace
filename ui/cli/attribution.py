"""Terminal commands over the attribution layer: `claims` (who said what) and `entities`.

Part of the terminal interface (ui/cli/program.py registers them); never imports Qt.
"""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from annotation.arabic import normalise_for_match
from annotation.model import Attribution, DocumentId, Entity, EntityId, EntityKind, Span
from annotation.ports import Store

COMMANDS = ("claims", "entities")

JsonObject = dict[str, Any]


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add `claims` and `entities` to the terminal commands."""
    claims = commands.add_parser(
        "claims",
        parents=[common],
        help="list claims with their speakers, document, kind, polarity and cue",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Every CLAIM span with the speakers it is attributed to. --speaker matches\n"
        "the speaker's text (a part of it is enough) or its entity's name or aliases,\n"
        "ignoring tashkeel, tatweel and hamza forms.",
        epilog="example:\n  python main.py claims --speaker لافروف --annotator amal --json",
    )
    claims.add_argument(
        "--speaker", metavar="NAME", help="only claims attributed to a speaker matching NAME"
    )
    claims.add_argument("--annotator", metavar="NAME", help="only this annotator's claims")
    claims.add_argument("--json", action="store_true", help="print the claims as JSON")

    entities = commands.add_parser(
        "entities",
        parents=[common],
        help="list people, organisations and places with their mention counts",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Every entity with its kind, name, aliases, attributes and how many spans\n"
        "refer to it; by kind, then most mentioned first, then name.",
        epilog="example:\n  python main.py entities --kind person --json",
    )
    entities.add_argument(
        "--kind", choices=[kind.value for kind in EntityKind], help="only entities of this kind"
    )
    entities.add_argument("--json", action="store_true", help="print the list as JSON")


def run(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    """Run `claims` or `entities`; return the exit status."""
    if args.command == "claims":
        return _claims(store, args, out)
    if args.command == "entities":
        return _entities(store, args, out)
    raise AssertionError(args.command)


def _claims(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    entities = {entity.id: entity for entity in store.entities()}
    attributions = store.claims(args.annotator)
    if args.speaker is not None:
        attributions = [a for a in attributions if _said_by(a, args.speaker, entities)]
    titles: dict[DocumentId, str] = {}
    for attribution in attributions:
        document_id = attribution.claim.document_id
        if document_id not in titles:
            titles[document_id] = store.document(document_id).title
    data = [_claim_as_dict(a, titles, entities) for a in attributions]
    if args.json:
        _dump(data, out)
        return 0
    for index, claim in enumerate(data):
        if index:
            print(file=out)
        print(
            f"{claim['document_title']} (document {claim['document_id']}, {claim['annotator']})",
            file=out,
        )
        print(claim["text"], file=out)
        for speaker in claim["speakers"]:
            name = f" [{speaker['entity_name']}]" if speaker["entity_name"] else ""
            print(f"  ← {speaker['text']}{name}", file=out)
        if not claim["speakers"]:
            print("  ← (no speaker yet)", file=out)
    return 0


def _said_by(attribution: Attribution, name: str, entities: dict[EntityId | None, Entity]) -> bool:
    """Whether a speaker of the claim matches `name`: within its text, or its entity's name."""
    wanted = _normalised(name)
    if not wanted:
        return False
    for speaker in attribution.speakers:
        if wanted in _normalised(speaker.text):
            return True
        entity = entities.get(speaker.entity_id) if speaker.entity_id is not None else None
        if entity and any(wanted == _normalised(n) for n in (entity.name, *entity.aliases)):
            return True
    return False


def _normalised(text: str) -> str:
    return " ".join(normalise_for_match(text).casefold().split())


def _claim_as_dict(
    attribution: Attribution,
    titles: dict[DocumentId, str],
    entities: dict[EntityId | None, Entity],
) -> JsonObject:
    claim = attribution.claim
    return {
        "document_id": claim.document_id,
        "document_title": titles[claim.document_id],
        "annotator": claim.annotator,
        "claim_id": claim.id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "kind": claim.attributes.get("kind"),
        "polarity": claim.attributes.get("polarity"),
        "cue": claim.attributes.get("cue"),
        "speakers": [_speaker_as_dict(s, entities) for s in attribution.speakers],
    }


def _speaker_as_dict(speaker: Span, entities: dict[EntityId | None, Entity]) -> JsonObject:
    entity = entities.get(speaker.entity_id) if speaker.entity_id is not None else None
    return {
        "span_id": speaker.id,
        "text": speaker.text,
        "start": speaker.start,
        "end": speaker.end,
        "entity_id": speaker.entity_id,
        "entity_name": entity.name if entity else None,
    }


def _entities(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    counts = store.mention_counts()
    chosen = [e for e in store.entities() if args.kind is None or e.kind.value == args.kind]
    chosen.sort(key=lambda e: (e.kind.value, -_mentions(e, counts), e.name))
    data = [
        {
            "id": e.id,
            "kind": e.kind.value,
            "name": e.name,
            "aliases": list(e.aliases),
            "attributes": e.attributes,
            "mentions": _mentions(e, counts),
        }
        for e in chosen
    ]
    if args.json:
        _dump(data, out)
        return 0
    for e in chosen:
        attributes = json.dumps(e.attributes, ensure_ascii=False) if e.attributes else ""
        line = f"{e.id}\t{e.kind.value}\t{e.name}\t{_mentions(e, counts)}"
        print(f"{line}\t{'، '.join(e.aliases)}\t{attributes}".rstrip("\t"), file=out)
    return 0


def _mentions(entity: Entity, counts: dict[EntityId, int]) -> int:
    return counts.get(entity.id, 0) if entity.id is not None else 0


def _dump(data: list[JsonObject], out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")
