"""case.jsonld: the pack's content in the CASE/UCO ontology, as JSON-LD with an inline context.

Files are ``uco-observable:File`` with a ``FileFacet`` and a ``ContentDataFacet`` holding the
SHA-256; messages are ``uco-observable:Message`` in a ``MessageThread``; identifiers are
accounts and addresses of the matching UCO classes; how the pack was made is a
``case-investigation:InvestigativeAction`` whose result is a ``ProvenanceRecord``. Node ids
are derived from content, so the same input gives the same document.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from shield.core.extraction import ExtractedIdentifier, Extraction
from shield.services.pack.contents import Carried, PackedFile, Places, amount_status

CONTEXT: dict[str, str] = {
    "kb": "urn:shield:pack:",
    "case-investigation": "https://ontology.caseontology.org/case/investigation/",
    "uco-action": "https://ontology.unifiedcyberontology.org/uco/action/",
    "uco-core": "https://ontology.unifiedcyberontology.org/uco/core/",
    "uco-identity": "https://ontology.unifiedcyberontology.org/uco/identity/",
    "uco-observable": "https://ontology.unifiedcyberontology.org/uco/observable/",
    "uco-tool": "https://ontology.unifiedcyberontology.org/uco/tool/",
    "uco-types": "https://ontology.unifiedcyberontology.org/uco/types/",
    "uco-vocabulary": "https://ontology.unifiedcyberontology.org/uco/vocabulary/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# kind -> (observable class, facet class, facet property holding the value)
ACCOUNT_TYPES: dict[str, tuple[str, str, str]] = {
    "email": ("EmailAddress", "EmailAddressFacet", "addressValue"),
    "phone": ("PhoneAccount", "PhoneAccountFacet", "phoneNumber"),
    "handle": ("ApplicationAccount", "AccountFacet", "accountIdentifier"),
    "url": ("URL", "URLFacet", "fullValue"),
    "crypto_wallet": ("DigitalAccount", "AccountFacet", "accountIdentifier"),
    "bank_account": ("FinancialAccount", "AccountFacet", "accountIdentifier"),
    "iban": ("FinancialAccount", "AccountFacet", "accountIdentifier"),
    "payment_handle": ("DigitalAccount", "AccountFacet", "accountIdentifier"),
    "gift_card": ("Account", "AccountFacet", "accountIdentifier"),
    "image_pdq": ("ContentData", "ContentDataFacet", "hash"),
    "image_md5": ("ContentData", "ContentDataFacet", "hash"),
}


def _short(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _dt(ts: datetime) -> dict[str, str]:
    return {"@type": "xsd:dateTime", "@value": ts.isoformat()}


def _hash(method: str, value: str) -> dict[str, Any]:
    return {
        "@type": "uco-types:Hash",
        "uco-types:hashMethod": {"@type": "uco-vocabulary:HashNameVocab", "@value": method},
        "uco-types:hashValue": {"@type": "xsd:hexBinary", "@value": value},
    }


def _file(c: Carried) -> dict[str, Any]:
    o = c.original
    node_id = f"kb:file-{o.sha256[:16]}"
    file_facet: dict[str, Any] = {
        "@id": f"{node_id}-file-facet",
        "@type": "uco-observable:FileFacet",
        "uco-observable:fileName": o.name,
        "uco-observable:sizeInBytes": {"@type": "xsd:integer", "@value": str(o.size)},
    }
    if c.entry:
        file_facet["uco-observable:filePath"] = c.entry
    return {
        "@id": node_id,
        "@type": "uco-observable:File",
        "uco-core:description": "original evidence"
        + ("" if c.entry else f" (not carried in the pack: {c.reason})"),
        "uco-core:hasFacet": [
            file_facet,
            {
                "@id": f"{node_id}-content-facet",
                "@type": "uco-observable:ContentDataFacet",
                "uco-observable:mimeType": o.media_type,
                "uco-observable:sizeInBytes": {"@type": "xsd:integer", "@value": str(o.size)},
                "uco-observable:hash": [_hash("SHA256", o.sha256)],
            },
        ],
    }


def _identifier(ident: ExtractedIdentifier, places: Places) -> dict[str, Any]:
    cls, facet, prop = ACCOUNT_TYPES.get(
        ident.kind, ("Account", "AccountFacet", "accountIdentifier")
    )
    node_id = f"kb:identifier-{_short(ident.kind + ':' + ident.normalized)}"
    facet_node: dict[str, Any] = {"@id": f"{node_id}-facet", "@type": f"uco-observable:{facet}"}
    if ident.kind == "image_pdq":
        facet_node["uco-observable:hash"] = [_hash("PDQ", ident.normalized)]
    elif ident.kind == "image_md5":
        facet_node["uco-observable:hash"] = [_hash("MD5", ident.normalized)]
    else:
        facet_node[f"uco-observable:{prop}"] = ident.normalized
    facets = [facet_node]
    if ident.platform:
        facets.append(
            {
                "@id": f"{node_id}-issuer",
                "@type": "uco-observable:AccountFacet",
                "uco-observable:accountIssuer": ident.platform,
                "uco-observable:accountIdentifier": ident.normalized,
            }
        )
    return {
        "@id": node_id,
        "@type": f"uco-observable:{cls}",
        "uco-core:name": ident.value,
        "uco-core:description": (
            f"{ident.kind} of the {ident.role}; normal form {ident.normalized}; "
            f"first seen {places.where(ident.message)}; "
            f"last seen {places.where(ident.last_seen or ident.message)}"
        ),
        "uco-core:tag": [f"kind:{ident.kind}", f"role:{ident.role}"],
        "uco-core:hasFacet": facets,
    }


def case_document(
    extraction: Extraction,
    carried: tuple[Carried, ...],
    generated: tuple[PackedFile, ...],
    places: Places,
    *,
    created: datetime,
    shield_version: str,
) -> bytes:
    graph: list[dict[str, Any]] = []
    people: dict[str, str] = {}
    for n, person in enumerate(extraction.participants):
        pid = f"kb:participant-{n}"
        people[person.name] = pid
        graph.append(
            {
                "@id": pid,
                "@type": "uco-observable:ApplicationAccount",
                "uco-core:name": person.name,
                "uco-core:tag": [f"role:{person.role}"],
                "uco-core:hasFacet": [
                    {
                        "@id": f"{pid}-facet",
                        "@type": "uco-observable:AccountFacet",
                        "uco-observable:displayName": person.name,
                    }
                ],
            }
        )
    files = [_file(c) for c in carried]
    graph += files
    for source_no, source in enumerate(extraction.sources):
        graph.append(
            {
                "@id": f"kb:source-{source_no}",
                "@type": "uco-observable:MessageThread",
                "uco-core:name": places.source_name(source_no),
                "uco-core:description": f"{source.format} conversation, {source.messages} messages",
                "uco-core:hasFacet": [
                    {
                        "@id": f"kb:source-{source_no}-facet",
                        "@type": "uco-observable:MessageThreadFacet",
                        "uco-observable:participant": [{"@id": p} for p in people.values()],
                    }
                ],
            }
        )
    for m in extraction.messages:
        facet: dict[str, Any] = {
            "@id": f"kb:message-{m.source}-{m.index}-facet",
            "@type": "uco-observable:MessageFacet",
            "uco-observable:messageText": m.text,
            "uco-observable:messageType": m.kind,
        }
        if m.ts is not None:
            facet["uco-observable:sentTime"] = _dt(m.ts)
        if m.sender in people:
            facet["uco-observable:from"] = {"@id": people[m.sender]}
        graph.append(
            {
                "@id": f"kb:message-{m.source}-{m.index}",
                "@type": "uco-observable:Message",
                "uco-core:name": m.sender,
                "uco-core:tag": [f"stage:{s}" for s in m.stages],
                "uco-core:hasFacet": [facet],
            }
        )
    ids = [_identifier(i, places) for i in extraction.identifiers]
    graph += ids
    for n, a in enumerate(extraction.amounts):
        graph.append(
            {
                "@id": f"kb:amount-{n}",
                "@type": "uco-core:UcoObject",
                "uco-core:name": f"{a.amount:.2f} {a.currency}",
                "uco-core:description": f"amount {amount_status(a.paid)}; "
                f"{places.where(a.message)}",
            }
        )
    tool = {
        "@id": f"kb:tool-shield-{shield_version}",
        "@type": "uco-tool:Tool",
        "uco-core:name": "Shield",
        "uco-tool:version": shield_version,
        "uco-core:description": "; ".join(
            f"{k} {v}" for k, v in sorted(extraction.versions.items())
        )
        or "no rule or model versions recorded",
    }
    record = {
        "@id": "kb:provenance-record",
        "@type": "case-investigation:ProvenanceRecord",
        "case-investigation:exhibitNumber": "evidence pack",
        "uco-core:description": "the original files and what was extracted from them",
        "uco-core:object": [{"@id": f["@id"]} for f in files] + [{"@id": i["@id"]} for i in ids],
    }
    action = {
        "@id": "kb:action-pack",
        "@type": "case-investigation:InvestigativeAction",
        "uco-core:name": "evidence pack made",
        "uco-action:startTime": _dt(created),
        "uco-action:endTime": _dt(created),
        "uco-action:instrument": {"@id": tool["@id"]},
        "uco-action:object": [{"@id": f["@id"]} for f in files],
        "uco-action:result": [{"@id": record["@id"]}]
        + [{"@id": f"kb:generated-{_short(g.name)}"} for g in generated],
    }
    for g in generated:
        graph.append(
            {
                "@id": f"kb:generated-{_short(g.name)}",
                "@type": "uco-observable:File",
                "uco-core:hasFacet": [
                    {
                        "@id": f"kb:generated-{_short(g.name)}-file-facet",
                        "@type": "uco-observable:FileFacet",
                        "uco-observable:fileName": g.name,
                        "uco-observable:sizeInBytes": {
                            "@type": "xsd:integer",
                            "@value": str(g.size),
                        },
                    },
                    {
                        "@id": f"kb:generated-{_short(g.name)}-content-facet",
                        "@type": "uco-observable:ContentDataFacet",
                        "uco-observable:hash": [_hash("SHA256", g.sha256)],
                    },
                ],
            }
        )
    graph += [tool, record, action]
    document = {"@context": CONTEXT, "@graph": graph}
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode(
        "utf-8"
    )
