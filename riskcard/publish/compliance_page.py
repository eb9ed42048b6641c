"""The site's compliance matrices: one page per law, framework versions × requirements,
then the labs' compliance documents as rows of their own (labelled as such; they have no
framework page).

Each cell names the status and links to the evidence below it on the same page: the
framework's locator and quote (or the reason), and the framework version's own page.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from riskcard.analysis.comply import ComplianceResult, ModelFacts, comply
from riskcard.analysis.comply_document import comply_document, document_versions
from riskcard.formats.registry import Registry
from riskcard.formats.version import __version__
from riskcard.publish.folder import NameBook, safe_part
from riskcard.renderers.comply import web_link
from riskcard.renderers.templating import render_template

STATUS_CLASS = {
    "met": "ok",
    "partial": "guarded",
    "absent": "bad",
    "missed": "bad",
    "not_applicable": "unknown",
    "not_due": "unknown",
    "unverified": "unknown",
    "unknown": "unknown",
}


def _anchor(result: ComplianceResult, requirement: str) -> str:
    f = result.framework
    return "e-" + safe_part(f"{f['id']}-{f['version']}-{requirement}")


def compliance_pages(
    registry: Registry,
    facts: Mapping[tuple[str, str], Iterable[ModelFacts]],
    names: NameBook,
    index: Path,
    framework_pages: dict[tuple[str, str], Path],
    when: dt.date,
) -> dict[Path, str]:
    """Every compliance page of the site and its text: `facts` are what was kept of the
    scorecards under each framework version; deadlines are judged at `when` (the site passes
    --as-of or the newest date in its data, so the same inputs give the same pages)."""
    files: dict[Path, str] = {}
    ids = sorted({document_id for document_id, _ in registry.documents})
    documents = [d for document_id in ids for d in document_versions(registry, document_id)]
    for key in sorted(registry.laws):
        law = registry.laws[key]
        page = names.claim("compliance", f"{law.id}-{law.version}", suffix=".html")

        def href(target: Path, page: Path = page) -> str:
            return posixpath.relpath(target.as_posix(), page.parent.as_posix() or ".")

        results = [
            comply(f, law, registry, facts.get((f.id, f.version), ()), when) for f in registry.all()
        ]
        results += [comply_document(d, law, registry, when) for d in documents]
        rows: list[dict[str, Any]] = []
        for result in results:
            fkey = (result.framework["id"], result.framework["version"])
            framework_page = framework_pages.get(fkey) if result.kind == "framework" else None
            rows.append(
                {
                    "facts": result.framework,
                    "document": result.kind == "document",
                    "page": href(framework_page) if framework_page is not None else None,
                    "cells": [
                        {
                            "status": row.status,
                            "css": STATUS_CLASS.get(row.status, "unknown"),
                            "anchor": _anchor(result, row.id),
                            "row": row,
                        }
                        for row in result.rows
                    ],
                    "risks": result.risks,
                }
            )
        files[page] = render_template(
            "site_compliance.html",
            law=law,
            law_link=web_link(law.url),
            framework_link=web_link,
            requirements=law.requirements,
            rows=rows,
            index=href(index),
            as_of=when.isoformat(),
            riskcard=__version__,
        )
    return files
