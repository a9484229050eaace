"""Words the interface uses in several places, translated once."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annotation.model import Attributes, Status
from annotation.tagset import Label


def status_name(status: Status) -> str:
    """How a document status reads in the interface."""
    names = {
        Status.NEW: QCoreApplication.translate("Status", "new"),
        Status.IN_PROGRESS: QCoreApplication.translate("Status", "in progress"),
        Status.DONE: QCoreApplication.translate("Status", "done"),
    }
    return names[status]


# Unicode isolates (UAX #9, section 2.4): a run inside them is laid out on its own and moves
# as one block in the sentence around it. Without them a path in an Arabic sentence shows
# its leading slash at the other end, and in an English sentence two Arabic words joined by
# an arrow swap places, so the arrow points the wrong way (issue 14, item 21).
LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"


def isolate(text: str) -> str:
    """`text` (a name, a title) as one run in its own first strong direction."""
    return f"{FSI}{text}{PDI}"


def isolate_path(text: str) -> str:
    """`text` (a path, a file name, a format's name) as one left-to-right run."""
    return f"{LRI}{text}{PDI}"


def attributes_text(label: Label | None, attributes: Attributes, language: str) -> str:
    """A span's set attributes in words of `language`: their titles and their choices'
    titles from the tag set ("النوع: غير مباشر (منقول)", not "kind: indirect")."""
    specs = {spec.name: spec for spec in label.attributes} if label else {}
    # In the tag set's order, as the side panel lists them; unknown ones after, as stored.
    names = [name for name in specs if name in attributes]
    names += [name for name in attributes if name not in specs]
    parts = []
    for name in names:
        value = attributes[name]
        if value in (None, ""):
            continue
        spec = specs.get(name)
        title = (spec.titles.get(language) or spec.titles.get("en") or name) if spec else name
        if isinstance(value, bool):
            shown = (
                QCoreApplication.translate("Wording", "yes")
                if value
                else QCoreApplication.translate("Wording", "no")
            )
        elif spec is not None and isinstance(value, str) and value in spec.choices:
            shown = spec.choice_title(value, language)
        else:
            shown = str(value)
        parts.append(
            QCoreApplication.translate("Wording", "%1: %2")
            .replace("%1", title)
            .replace("%2", shown)
        )
    return QCoreApplication.translate("Wording", ", ").join(parts)
