"""Reads ``--about FILE.yaml``: optional details of the person reporting.

```yaml
name: Sam Example          # or alias: only what the person wants to give
alias: sam_e
age_band: 16-17            # one of AGE_BANDS
police_area: West Midlands
contact: parent's phone 07700 900123
references:
  - value: WMP-2024-001234
    issuer: West Midlands Police
  - "NCMEC 12345"          # a bare string is a reference without issuer
notes: anything else
```
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from shield.core.about import AGE_BANDS, About, Reference
from shield.core.errors import BadInput, MissingPath, UnreadableFile

MAX_ABOUT_BYTES = 64 * 1024
MAX_FIELD = 2000
FIELDS = ("name", "alias", "age_band", "police_area", "contact", "references", "notes")


def _text(value: Any, key: str, where: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise BadInput(f"{key} must be text", path=where)
    text = str(value).strip()
    if len(text) > MAX_FIELD:
        raise BadInput(f"{key} is longer than {MAX_FIELD} characters", path=where)
    return text


def _references(value: Any, where: str) -> tuple[Reference, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        value = [value]
    if len(value) > 100:
        raise BadInput("more than 100 references", path=where)
    refs = []
    for item in value:
        if isinstance(item, dict):
            unknown = set(item) - {"value", "issuer"}
            if unknown:
                raise BadInput(
                    f"a reference has unknown keys {sorted(map(str, unknown))}", path=where
                )
            refs.append(
                Reference(
                    _text(item.get("value"), "references.value", where),
                    _text(item.get("issuer"), "references.issuer", where),
                )
            )
        else:
            refs.append(Reference(_text(item, "references", where)))
    return tuple(r for r in refs if r.value)


def load_about(path: Path) -> About:
    where = str(path)
    if not path.exists():
        raise MissingPath("no such file", path=where)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_ABOUT_BYTES + 1)
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror or exc}", path=where) from exc
    if len(raw) > MAX_ABOUT_BYTES:
        raise BadInput(f"larger than {MAX_ABOUT_BYTES // 1024} KB", path=where)
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise BadInput("not UTF-8 text", path=where) from exc
    except yaml.YAMLError as exc:
        raise BadInput(f"not valid YAML ({str(exc).splitlines()[0]})", path=where) from exc
    if data is None:
        return About()
    if not isinstance(data, dict):
        raise BadInput("must be a mapping of fields such as name: and police_area:", path=where)
    unknown = sorted(str(k) for k in data if k not in FIELDS)
    if unknown:
        raise BadInput(f"unknown field(s) {unknown}; known: {list(FIELDS)}", path=where)
    age_band = _text(data.get("age_band"), "age_band", where)
    if age_band and age_band not in AGE_BANDS:
        raise BadInput(f"age_band must be one of {list(AGE_BANDS)}", path=where)
    return About(
        name=_text(data.get("name"), "name", where),
        alias=_text(data.get("alias"), "alias", where),
        age_band=age_band,
        police_area=_text(data.get("police_area"), "police_area", where),
        contact=_text(data.get("contact"), "contact", where),
        references=_references(data.get("references"), where),
        notes=_text(data.get("notes"), "notes", where),
    )
