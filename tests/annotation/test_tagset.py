"""Tag sets load from JSON, and a bad file is named with its field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotation.model import EntityKind
from annotation.tagset import Outline, TagSetError, load_tagset


def test_default_tagset_has_speaker_claim_location() -> None:
    tagset = load_tagset()
    assert [label.name for label in tagset.labels] == ["SPEAKER", "CLAIM", "LOCATION"]
    claim = tagset.label("CLAIM")
    assert [a.name for a in claim.attributes] == ["kind", "cue", "polarity", "note"]
    assert claim.attribute("kind").choices == ("direct", "indirect", "mixed")
    assert claim.default_attributes() == {}  # nothing chosen for the annotator (issue 14, item 6)
    assert tagset.label("SPEAKER").entity_kind is EntityKind.PERSON
    assert tagset.label("LOCATION").entity_kind is EntityKind.PLACE
    location, claim_key = tagset.label_for_key("l"), tagset.label_for_key("2")
    assert location is not None and location.name == "LOCATION"
    assert claim_key is not None and claim_key.name == "CLAIM"
    assert tagset.label_for_key("x") is None
    # Each label has its own outline, so labels differ without colour too.
    assert len({label.outline for label in tagset.labels}) == 3
    assert tagset.label("SPEAKER").outline is Outline.SOLID
    assert tagset.label("LOCATION").title("ar") == "مكان"
    link = tagset.link_types[0]
    assert (link.name, link.source_label, link.target_label) == (
        "ATTRIBUTED_TO",
        "CLAIM",
        "SPEAKER",
    )


def test_attribute_values_are_checked() -> None:
    claim = load_tagset().label("CLAIM")
    claim.check_attributes({"kind": "direct", "cue": "قال"})
    with pytest.raises(ValueError, match="kind must be one of direct, indirect, mixed"):
        claim.check_attributes({"kind": "quoted"})
    with pytest.raises(ValueError, match="no attribute 'mood'"):
        claim.check_attributes({"mood": "x"})


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "tags.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def label(**overrides: object) -> dict[str, object]:
    base: dict[str, object] = {"name": "X", "colour": "#112233", "keys": ["1"], "attributes": []}
    return {**base, **overrides}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"labels": []}, "at least one label"),
        ({"labels": [label(colour="red")]}, r"labels\[0\].colour: expected #rrggbb"),
        ({"labels": [label(), label()]}, "names must be unique"),
        ({"labels": [label(), label(name="Y")]}, "share a key"),
        ({"labels": [label(outline="zigzag")]}, r"labels\[0\]: 'zigzag' is not a valid Outline"),
        ({"labels": [label(attributes=[{"name": "k", "type": "choice"}])]}, "needs choices"),
        (
            {"labels": [label()], "links": [{"name": "L", "from": "X", "to": "Z"}]},
            "no label called 'Z'",
        ),
    ],
)
def test_bad_tagsets_name_the_field(tmp_path: Path, data: object, message: str) -> None:
    path = write(tmp_path, data)
    with pytest.raises(TagSetError, match=message) as error:
        load_tagset(path)
    assert str(path) in str(error.value)


def test_malformed_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "tags.json"
    path.write_text('{\n  "labels": [\n  ,]\n}', encoding="utf-8")
    with pytest.raises(TagSetError, match=r"tags.json, line 3: malformed JSON"):
        load_tagset(path)


def test_choices_read_in_each_language_but_store_their_value() -> None:
    kind = load_tagset().label("CLAIM").attribute("kind")
    assert kind.choices == ("direct", "indirect", "mixed")
    assert kind.choice_title("direct", "ar") == "اقتباس مباشر"
    assert kind.choice_title("direct", "en") == "direct (quoted)"
    assert (
        load_tagset().label("CLAIM").attribute("polarity").choice_title("negative", "en")
        == "negative (denied)"
    )
    assert kind.choice_title("unknown", "ar") == "unknown"
