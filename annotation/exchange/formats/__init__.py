"""The interchange formats, by name (`python main.py export --format NAME`)."""

from __future__ import annotations

from annotation.exchange.bundle import Format
from annotation.exchange.formats import (
    brat_format,
    brat_read,
    conll_format,
    csv_format,
    doccano_format,
    hamish_json,
    jsonl_format,
    labelstudio_format,
    labelstudio_read,
    xmi_format,
    xmi_read,
)

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
        output="folder or zip",
    ),
    "jsonl": Format(
        "jsonl",
        "one document a line with its spans and links",
        jsonl_format.write,
        jsonl_format.read,
        (".jsonl",),
    ),
    "brat": Format(
        "brat",
        "brat standoff: a .txt and .ann a document, with annotation.conf (a new folder)",
        brat_format.write,
        brat_read.read,
        (".ann",),
        output="folder",
    ),
    "conll": Format(
        "conll",
        "CoNLL IOB2 for NER tools: speakers and locations, a token a line (a new folder)",
        conll_format.write,
        None,
        (".conll",),
        output="folder",
    ),
    "labelstudio": Format(
        "labelstudio",
        "Label Studio tasks with annotations and relations, and its RTL labeling config (code points)",
        labelstudio_format.write,
        labelstudio_read.read,
        (".json",),
        companions=lambda out: (labelstudio_format.config_path(out),),
    ),
    "doccano": Format(
        "doccano",
        "doccano relation JSONL (doccano drops overlapping spans unless the project allows overlap)",
        doccano_format.write,
        doccano_format.read,
        (".jsonl",),
    ),
    "xmi": Format(
        "xmi",
        "UIMA CAS XMI with its TypeSystem.xml, for INCEpTION (UTF-16 offsets; a new folder)",
        xmi_format.write,
        xmi_read.read,
        (".xmi", ".zip"),
        output="folder",
    ),
}
