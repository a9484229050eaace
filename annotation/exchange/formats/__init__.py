"""The interchange formats, by name (`python main.py export --format NAME`)."""

from __future__ import annotations

from annotation.exchange.bundle import Format
from annotation.exchange.formats import hamish_json

FORMATS: dict[str, Format] = {
    "json": Format(
        "json",
        "Hamish's own: everything, versioned (assets/schemas/hamish-export.schema.json)",
        hamish_json.write,
        hamish_json.read,
        (".json",),
    ),
}
