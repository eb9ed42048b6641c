"""Same inputs give byte-identical outputs, even across processes with different hash seeds
(set and dict iteration order must never leak into a report)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, ROOT, SCORECARDS

GATE = FIXTURES / "gate"
AS_OF = "2026-01-01"


def _run(seed: str, out: Path, label: str, *args: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1"}
    env.pop("RISKCARD_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-m", "riskcard", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr.decode()
    (out / f"{label}.out").write_bytes(done.stdout)


def _outputs(seed: str, out: Path) -> dict[str, bytes]:
    out.mkdir()
    for fmt in ("text", "json", "html", "markdown", "sarif", "junit", "github"):
        _run(seed, out, f"gate-{fmt}", "gate", "-f", fmt, "--as-of", AS_OF, str(GATE))
    _run(seed, out, "audit", "audit", "-f", "json", "--as-of", AS_OF, str(SCORECARDS))
    _run(
        seed, out, "diff", "diff", "-f", "json", "openai-preparedness@beta", "openai-preparedness@2"
    )
    _run(
        seed,
        out,
        "report",
        "report",
        "--out-dir",
        str(out / "reports"),
        "--as-of",
        AS_OF,
        str(GATE),
    )
    _run(seed, out, "site", "site", str(out / "site"), "--as-of", AS_OF, str(SCORECARDS))
    # The report index prints the real `riskcard verify OUT/gate.json`: the folder differs.
    return {
        str(path.relative_to(out)): path.read_bytes().replace(str(out).encode(), b"OUT")
        for path in sorted(out.rglob("*"))
        if path.is_file()
    }


def test_two_processes_with_different_hash_seeds_write_identical_bytes(tmp_path: Path) -> None:
    first = _outputs("1", tmp_path / "one")
    second = _outputs("2", tmp_path / "two")
    assert sorted(first) == sorted(second)
    assert len(first) > 20
    different = [name for name in first if first[name] != second[name]]
    assert different == []
