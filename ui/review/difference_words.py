"""How the compare window names the differences between two layers and explains each one in
words (comparison.py finds them; adjudication.py decides them)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject

from annotation.adjudication import Choice
from annotation.comparison import Difference, Kind
from annotation.model import Decision, Span
from annotation.tagset import TagSet

PLACEHOLDER = re.compile(r"%(\d+)")
QUOTE_LIMIT = 60  # characters of a span's text quoted in a tooltip or a list cell


def kind_name(kind: Kind) -> str:
    """How a kind of difference reads in the legend and the list."""
    names = {
        Kind.AGREE: QCoreApplication.translate("Differences", "Agree"),
        Kind.LABEL: QCoreApplication.translate("Differences", "Other label"),
        Kind.EXTENT: QCoreApplication.translate("Differences", "Other extent"),
        Kind.ONLY_A: QCoreApplication.translate("Differences", "Only A"),
        Kind.ONLY_B: QCoreApplication.translate("Differences", "Only B"),
        Kind.LINKS: QCoreApplication.translate("Differences", "Other speakers"),
    }
    return names[kind]


def choice_name(choice: str) -> str:
    """How a decision reads in the list ("" for none)."""
    names = {
        Choice.ACCEPT_A: QCoreApplication.translate("Differences", "Accept A"),
        Choice.ACCEPT_B: QCoreApplication.translate("Differences", "Accept B"),
        Choice.BOTH: QCoreApplication.translate("Differences", "Both"),
        Choice.NEITHER: QCoreApplication.translate("Differences", "Neither"),
        Choice.EDITED: QCoreApplication.translate("Differences", "Edited in gold"),
    }
    try:
        return names[Choice(choice)]
    except ValueError:  # a choice this version does not know: show it as recorded
        return choice


def one_line(text: str, limit: int = QUOTE_LIMIT) -> str:
    """A span's text on one line, shortened with an ellipsis when longer than `limit`."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quoted(text: str) -> str:
    """A span's text on one line between quotation marks, shortened when long."""
    return f"“{one_line(text)}”"


def filled(template: str, *values: str) -> str:
    """A translated template with %1, %2, ... replaced in one pass (so a value that itself
    holds "%2", say a document title, stays as it is)."""

    def value(match: re.Match[str]) -> str:
        number = int(match[1])
        return values[number - 1] if 1 <= number <= len(values) else match[0]

    return PLACEHOLDER.sub(value, template)


class Explainer(QObject):
    """Explains differences in words, with the tag set's label titles in one language."""

    def __init__(self, tagset: TagSet, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tagset, self.language = tagset, language

    def title(self, span: Span) -> str:
        """The title of a span's label."""
        label = self.tagset.find(span.label)
        return label.title(self.language) if label else span.label

    def explain(self, difference: Difference, decision: Decision | None = None) -> str:
        """One sentence for what the two layers do here, and the decision taken, if any."""
        d, a, b = difference, difference.a, difference.b
        if d.kind is Kind.AGREE and a is not None:
            text = filled(self.tr("Both say %1: %2"), self.title(a), quoted(a.text))
        elif d.kind is Kind.LABEL and a is not None and b is not None:
            text = filled(
                self.tr("Same extent, other label: A says %1, B says %2"),
                self.title(a),
                self.title(b),
            )
        elif d.kind is Kind.EXTENT and a is not None and b is not None:
            text = filled(
                self.tr("Both say %1, over other extents: A %2, B %3"),
                self.title(a),
                quoted(a.text),
                quoted(b.text),
            )
        elif d.kind is Kind.ONLY_A and a is not None:
            text = filled(self.tr("Only A: %1 %2"), self.title(a), quoted(a.text))
        elif d.kind is Kind.ONLY_B and b is not None:
            text = filled(self.tr("Only B: %1 %2"), self.title(b), quoted(b.text))
        elif d.kind is Kind.LINKS and a is not None:
            text = filled(
                self.tr("Both say %1 but attribute it differently: A to %2, B to %3"),
                self.title(a),
                self.speakers(d.a_speakers),
                self.speakers(d.b_speakers),
            )
        else:
            text = kind_name(d.kind)
        if decision is not None:
            text += "\n" + self.decided(decision)
        return text

    def speakers(self, spans: Sequence[Span]) -> str:
        """The speakers a claim is attributed to, quoted, or "no one"."""
        if not spans:
            return self.tr("no one")
        return self.tr(", ").join(quoted(span.text) for span in spans)

    def decided(self, decision: Decision) -> str:
        """A decision in words, with its reason."""
        text = filled(self.tr("Decided: %1"), choice_name(decision.choice))
        if decision.reason:
            text += filled(self.tr(" (%1)"), decision.reason)
        return text
