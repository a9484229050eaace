"""The interchange formats, by name (`python main.py export --format NAME`)."""

from __future__ import annotations

from annotation.exchange.bundle import Format
from annotation.exchange.formats import csv_format, hamish_json, jsonl_format

FORMATS: dict[str, Format] = {
    "json": Format(
        "json",
        "Hamish's own: everything, versioned (assets/schemas/hamish-export.schema.json)",
        hamish_json.write,
        hamish_json.read,
        (".json",),
    ),
    "csv": Format(
        "csv",
        "spans, links, entities and documents as CSV for spreadsheets (a folder, or a .zip)",
        csv_format.write,
        None,
        (".zip",),
    ),
    "jsonl": Format(
        "jsonl",
        "one document a line with its spans and links",
        jsonl_format.write,
        jsonl_format.read,
        (".jsonl",),
    ),
}
