"""Write expected.json for example exports from what the parsers give now.

Run it when adding an example, then READ the result before committing: expected.json is the
reviewed truth the contract test holds every parser to.

    uv run python tests/ingest/regenerate.py tests/data/exports/whatsapp/android_uk
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ingest_example import EXPECTED, run_example

if __name__ == "__main__":
    for folder in map(Path, sys.argv[1:]):
        result = run_example(folder)
        text = json.dumps(result, ensure_ascii=False, indent=1) + "\n"
        (folder / EXPECTED).write_text(text, encoding="utf-8")
        print(folder, len(result["exports"]), "exports")
