"""CI formats shared by `validate` and `gate`: SARIF 2.1.0, JUnit XML, GitHub annotations."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree as ET

from riskcard.formats.findings import Finding, Severity
from riskcard.formats.version import __version__
from riskcard.renderers.escape import linkable, md, visible
from riskcard.renderers.escape import xml_text as x

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/riskcard/riskcard"


@dataclass(frozen=True)
class RuleDoc:
    """What SARIF shows for a rule."""

    id: str
    short: str
    full: str
    help: str
    source: str | None = None


def sarif(findings: Iterable[Finding], rules: Mapping[str, RuleDoc]) -> str:
    """A SARIF 2.1.0 log with one run; every finding is a located result."""
    findings = list(findings)
    used = sorted({f.rule for f in findings} | set(rules))
    index = {rule: position for position, rule in enumerate(used)}
    descriptors = []
    for rule_id in used:
        doc = rules.get(rule_id) or RuleDoc(rule_id, rule_id, rule_id, rule_id)
        descriptor: dict[str, object] = {
            "id": rule_id,
            "name": _pascal(rule_id),
            "shortDescription": {"text": doc.short},
            "fullDescription": {"text": doc.full},
            "help": {"text": doc.help, "markdown": md(doc.help)},
            "defaultConfiguration": {"level": "error"},
        }
        if linkable(doc.source):
            descriptor["helpUri"] = doc.source
        descriptors.append(descriptor)
    results = [
        {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": {"error": "error", "warning": "warning", "note": "note"}[str(f.severity)],
            "message": {"text": f"{f.message}" + (f" Fix: {f.hint}" if f.hint else "")},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(f.path)},
                        "region": {"startLine": max(f.line, 1), "startColumn": max(f.column, 1)},
                    }
                }
            ],
        }
        for f in findings
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "riskcard",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFO_URI,
                        "rules": descriptors,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _uri(path: str) -> str:
    """A percent-encoded URI reference: relative to the working folder where possible, as
    code scanning resolves them from the repository root; others as an absolute path."""
    here = Path.cwd()
    candidate = Path(path)
    if candidate.is_absolute() and candidate.is_relative_to(here):
        candidate = candidate.relative_to(here)
    return quote(candidate.as_posix(), safe="/")


def _pascal(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.replace(".", "-").split("-") if part)


def junit(suites: Iterable[Suite]) -> str:
    """JUnit XML: suites of (name, cases); a case is (classname, name, failing findings)."""
    root = ET.Element("testsuites", name="riskcard")
    total = failed = 0
    for suite_name, cases in suites:
        suite = ET.SubElement(root, "testsuite", name=x(suite_name), tests=str(len(cases)))
        suite_failures = 0
        for classname, name, problems in cases:
            case = ET.SubElement(suite, "testcase", classname=x(classname), name=x(name), time="0")
            errors = [p for p in problems if p.severity is Severity.ERROR]
            if errors:
                suite_failures += 1
                failure = ET.SubElement(
                    case, "failure", message=x(errors[0].message), type=x(errors[0].rule)
                )
                failure.text = x("\n".join(_plain(p) for p in errors))
            others = [p for p in problems if p.severity is not Severity.ERROR]
            if others:
                ET.SubElement(case, "system-out").text = x("\n".join(_plain(p) for p in others))
        suite.set("failures", str(suite_failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        total += len(cases)
        failed += suite_failures
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


Suite = tuple[str, list[tuple[str, str, list[Finding]]]]


def file_suites(findings: list[Finding], paths: Iterable[str]) -> list[Suite]:
    """One suite per validated file and one case per file (validation results)."""
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_path[finding.path].append(finding)
    names = sorted(set(paths) | set(by_path))
    return [(name, [("riskcard.validate", name, by_path[name])]) for name in names]


def junit_by_file(findings: list[Finding], paths: Iterable[str]) -> str:
    return junit(file_suites(findings, paths))


def _plain(finding: Finding) -> str:
    text = (
        f"{visible(finding.path)}:{finding.line}:{finding.column}: {finding.severity} "
        f"{visible(finding.rule)} {visible(finding.message)}"
    )
    return f"{text} (fix: {visible(finding.hint)})" if finding.hint else text


def github(findings: Iterable[Finding]) -> str:
    """GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`."""
    lines = []
    for f in findings:
        command = {"error": "error", "warning": "warning", "note": "notice"}[str(f.severity)]
        properties = (
            f"file={_property(f.path)},line={f.line},col={f.column},title={_property(f.rule)}"
        )
        message = f.message + (f" (fix: {f.hint})" if f.hint else "")
        lines.append(f"::{command} {properties}::{_data(message)}")
    return "".join(line + "\n" for line in lines)


def _data(text: str) -> str:
    """Workflow-command data: newlines encoded as the runner decodes them, every other
    control character as a visible escape (never a raw ESC in the log)."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
