"""Which layer each Label Studio annotation and prediction becomes (labelstudio_read.py reads
the rest): one layer each, named after the Hamish layer it came from, never two merged."""

from __future__ import annotations

from typing import Any

from annotation.assistant.pending import ASSISTANT
from annotation.exchange.formats.labelstudio_format import DEFAULT_ANNOTATOR, LAYERS, PREDICTED


class LayerNames:
    """Names each of one task's annotations and predictions as a layer of its own, never
    two alike on one text, whichever task of it they are in (a round trip merged every
    annotator into one layer, issue 15).

    Hamish's export lists its layers in the task's data (LAYERS), each with its regions' ids:
    Label Studio 1.23.2 drops an annotation's `meta` and credits it to whoever imported it,
    but keeps the data and the result ids. An annotation carrying a listed layer's regions is
    that layer (also once a person added to it there), an empty one the next listed empty
    layer; any other is named from Hamish's meta, if the file kept it, else from Label
    Studio's user. A prediction is the layer its model_version names (`hamish:NAME`), else
    ASSISTANT, the layer the window offers as suggestions to accept or reject."""

    def __init__(self, listed: Any, where: str, used: dict[str, str]) -> None:
        self.where = where
        self.listed = _listed_layers(listed)
        self.claimed: set[int] = set()
        self.used = used  # the names the document's layers have so far, each with its task
        self.notes: list[str] = []

    def annotation(self, annotation: dict[str, Any]) -> tuple[str, str | None]:
        """The layer an annotation is, and its status when one travelled."""
        listed = self._listed(annotation, empty_too=True)
        if listed is not None:
            name, status, _ = self.listed[listed]
            return self._unique(name, annotation, "annotation"), status
        meta = annotation.get("meta")
        meta = meta if isinstance(meta, dict) else {}
        name = _annotator(meta, annotation.get("completed_by"))
        status = meta.get("status")
        return self._unique(name, annotation, "annotation"), status if isinstance(
            status, str
        ) else None

    def cancelled(self, annotation: dict[str, Any]) -> None:
        """A cancelled annotation carrying a listed layer's regions is that layer, left out
        (and said once, as cancelled, not again as a listed layer nothing carried)."""
        self._listed(annotation, empty_too=False)

    def _listed(self, annotation: dict[str, Any], empty_too: bool) -> int | None:
        """The listed layer an annotation carries regions of (an empty one the next listed
        empty layer, when `empty_too`), claimed; None when it carries none."""
        ids = {
            str(result.get("id"))
            for result in annotation.get("result") or []
            if isinstance(result, dict) and result.get("type") == "labels"
        }
        for number, (_, _, regions) in enumerate(self.listed):
            if number in self.claimed:
                continue
            if ids & regions if ids else empty_too and not regions:
                self.claimed.add(number)
                return number
        return None

    def prediction(self, prediction: dict[str, Any]) -> str:
        """The layer a prediction is."""
        version = prediction.get("model_version")
        name = ASSISTANT
        if isinstance(version, str) and version.startswith(PREDICTED) and version[len(PREDICTED) :]:
            name = version[len(PREDICTED) :]
        return self._unique(name, prediction, "prediction")

    def _unique(self, name: str, record: dict[str, Any], kind: str) -> str:
        chosen, number = name, 1
        while chosen in self.used:
            number += 1
            chosen = f"{name}-{number}"
        if chosen != name:
            task = self.used[name]
            like = (
                "another of the task's"
                if task == self.where
                else f"one of {task}, which has the same text"
            )
            self.notes.append(
                f"{self.where}: {kind} {record.get('id', '?')} would be layer {name!r} like"
                f" {like}; it is layer {chosen!r} (nothing merged)"
            )
        self.used[chosen] = self.where
        return chosen

    def note_unclaimed(self) -> None:
        """Say which listed layers no annotation carried (deleted in Label Studio, or every
        region redrawn): their work is read under other names, their status not at all."""
        for number, (name, status, regions) in enumerate(self.listed):
            if number not in self.claimed:
                status_said = f", status {status}" if status else ""
                self.notes.append(
                    f"{self.where}: {LAYERS} lists layer {name!r} ({len(regions)} regions"
                    f"{status_said}), but no annotation carries its regions: nothing was read"
                    f" as {name}"
                )


def _listed_layers(listed: Any) -> list[tuple[str, str | None, set[str]]]:
    """The layers Hamish's export listed in a task's data: (annotator, status, region ids)."""
    if listed is None:
        return []
    if not isinstance(listed, list):
        raise TypeError(f"{LAYERS} must be a list, not {listed!r}")
    layers = []
    for entry in listed:
        if not isinstance(entry, dict):
            raise TypeError(f"{LAYERS} holds objects, not {entry!r}")
        name, status, regions = entry.get("annotator"), entry.get("status"), entry.get("regions")
        if not isinstance(name, str) or not name:
            raise TypeError(f"a layer in {LAYERS} needs an annotator, not {name!r}")
        if status is not None and not isinstance(status, str):
            raise TypeError(f"{name}: a status is text, not {status!r}")
        if not isinstance(regions, list) or not all(isinstance(r, str) for r in regions):
            raise TypeError(f"{name}: regions is a list of ids, not {regions!r}")
        layers.append((name, status, set(regions)))
    return layers


def _annotator(meta: dict[str, Any], completed_by: Any) -> str:
    """Who made an annotation: Hamish's meta, else Label Studio's user."""
    name = meta.get("annotator")
    if isinstance(name, str) and name:
        return name
    if isinstance(completed_by, dict):
        email = completed_by.get("email")
        if isinstance(email, str) and email:
            return email
        completed_by = completed_by.get("id")
    if isinstance(completed_by, int) and not isinstance(completed_by, bool):
        return f"{DEFAULT_ANNOTATOR}-{completed_by}"
    return DEFAULT_ANNOTATOR
