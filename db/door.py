"""What the store refuses at its door, whoever calls it (an importer, the window, the assistant).

The importers check all of this first and name the file and record; these checks are the last
line of defence, so that no caller can store a text another door would have normalised, a
label of a million characters or a name with an escape sequence in it.
"""

from __future__ import annotations

from annotation.arabic import edge_inside_letter
from annotation.cleanup import is_stored_form
from annotation.model import (
    MAX_ANNOTATOR_NAME,
    MAX_ATTRIBUTES,
    MAX_ENTITY_NAME,
    MAX_FIELD,
    MAX_LABEL,
    MAX_TITLE,
    Document,
    Entity,
    Span,
    name_problem,
    text_sha256,
)
from annotation.ports import StoreError


def check_document(document: Document) -> None:
    """Raise StoreError unless the document's text is in stored form, its SHA-256 is that of
    its text, and its title and other fields are within limits."""
    named = f"the document {document.title[:80]!r}" if document.title else "a document"
    if not isinstance(document.text, str) or not is_stored_form(document.text):
        raise StoreError(
            f"cannot store {named}: its text is not in the form Hamish stores (a leading BOM,"
            " a carriage return, a control character or text not in Unicode NFC);"
            " annotation.cleanup.stored_form makes it so"
        )
    if document.text_sha256 != text_sha256(document.text):
        raise StoreError(f"cannot store {named}: its SHA-256 is not that of its text")
    problem = name_problem(document.title, "title", MAX_TITLE, title=True)
    for what in ("external_id", "source", "url", "date", "imported_from"):
        value = getattr(document, what)
        if problem is None and value is not None:
            problem = name_problem(value, what.replace("_", " "), MAX_FIELD, title=True)
    if problem is not None:
        raise StoreError(f"cannot store {named}: {problem}")


def check_annotator(name: str) -> None:
    """Raise StoreError unless `name` can name an annotator."""
    problem = name_problem(name, "annotator name", MAX_ANNOTATOR_NAME)
    if problem is not None:
        raise StoreError(f"cannot store the annotator {str(name)[:80]!r}: {problem}")


def check_label(label: str, what: str = "label") -> None:
    """Raise StoreError unless `label` can be stored as a span's label (or a link's kind)."""
    problem = name_problem(label, what, MAX_LABEL)
    if problem is not None:
        raise StoreError(f"cannot store the {what} {str(label)[:80]!r}: {problem}")


def check_entity(entity: Entity) -> None:
    """Raise StoreError unless the entity's name and aliases can be stored."""
    problem = name_problem(entity.name, "entity name", MAX_ENTITY_NAME)
    if problem is None and isinstance(entity.aliases, str):
        problem = "the aliases must be a list of names, not one text"
    for alias in () if problem else entity.aliases:
        problem = problem or name_problem(alias, "alias", MAX_ENTITY_NAME)
    attributes = entity.attributes
    if problem is None and isinstance(attributes, dict) and len(attributes) > MAX_ATTRIBUTES:
        problem = f"its attributes hold {len(attributes):,} entries (at most {MAX_ATTRIBUTES})"
    if problem is not None:
        raise StoreError(f"cannot store the entity {str(entity.name)[:80]!r}: {problem}")


def check_span_edges(text: str, span: Span) -> None:
    """Raise StoreError if the span starts or ends between a letter and its marks: the window
    draws such a span a letter off (issue 14, item 12). Call after offsets.check_span."""
    edge = edge_inside_letter(text, span.start, span.end)
    if edge is not None:
        raise StoreError(
            f"cannot store the {span.label} span {span.text!r}: {cut_message(text, edge)}"
        )


def cut_message(text: str, edge: int) -> str:
    """Why an edge at `edge` is refused (or reported by check), naming the letter and mark."""
    return (
        f"it cuts {text[edge - 1]!r} at {edge} from its mark {text[edge]!r}"
        f" (U+{ord(text[edge]):04X}): a span never cuts a letter from its marks"
    )
