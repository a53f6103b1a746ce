"""case.jsonld parses as JSON-LD with nothing fetched, and speaks CASE/UCO."""

from __future__ import annotations

import json
import zipfile
from typing import Any

import pytest
from pyld import jsonld

from pack_support import evidence_files, request
from shield.services.pack import PackRequest
from test_pack import packer

UCO = "https://ontology.unifiedcyberontology.org/uco/"
CASE = "https://ontology.caseontology.org/case/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def no_network(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    raise AssertionError(f"JSON-LD processing tried to fetch {url}")


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> tuple[PackRequest, dict[str, Any]]:
    root = tmp_path_factory.mktemp("case")
    req = request(evidence_files(root / "given"))
    with zipfile.ZipFile(packer().build(req, root / "pack.zip").path) as z:
        return req, json.loads(z.read("case.jsonld"))


def test_case_jsonld_expands_and_converts_to_rdf_offline(
    case: tuple[PackRequest, dict[str, Any]],
) -> None:
    _, doc = case
    assert isinstance(doc["@context"], dict)  # inline, never a URL to fetch
    options = {"documentLoader": no_network}
    expanded = jsonld.expand(doc, options)
    assert expanded
    quads = jsonld.to_rdf(doc, {**options, "format": "application/n-quads"})
    types = {
        line.split(" ")[2].strip("<>") for line in quads.splitlines() if f"<{RDF_TYPE}>" in line
    }
    for expected in (
        f"{UCO}observable/File",
        f"{UCO}observable/FileFacet",
        f"{UCO}observable/ContentDataFacet",
        f"{UCO}types/Hash",
        f"{UCO}observable/Message",
        f"{UCO}observable/MessageFacet",
        f"{UCO}observable/MessageThread",
        f"{UCO}observable/EmailAddress",
        f"{UCO}observable/PhoneAccount",
        f"{UCO}observable/ApplicationAccount",
        f"{UCO}observable/DigitalAccount",
        f"{UCO}observable/FinancialAccount",
        f"{UCO}observable/URL",
        f"{UCO}tool/Tool",
        f"{CASE}investigation/ProvenanceRecord",
        f"{CASE}investigation/InvestigativeAction",
    ):
        assert expected in types, expected


def test_case_jsonld_carries_the_same_content(case: tuple[PackRequest, dict[str, Any]]) -> None:
    req, doc = case
    text = json.dumps(doc, ensure_ascii=False)
    for original in req.originals:
        assert original.sha256 in text
    for ident in req.extraction.identifiers:
        assert json.dumps(ident.normalized, ensure_ascii=False)[1:-1] in text
    graph = doc["@graph"]
    messages = [n for n in graph if n["@type"] == "uco-observable:Message"]
    assert len(messages) == len(req.extraction.messages)
    hostile = next(m for m in messages if m["@id"] == "kb:message-0-3")
    facet = hostile["uco-core:hasFacet"][0]
    assert facet["uco-observable:messageText"] == req.extraction.messages[3].text
    assert facet["uco-observable:sentTime"]["@value"] == "2024-03-13T08:16:00+02:00"
    ids = [n["@id"] for n in graph]
    assert len(ids) == len(set(ids))
