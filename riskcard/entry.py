"""Console entry point: answers `--version` before the command line machinery is imported."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from riskcard.formats.version import __version__

        sys.stdout.write(f"riskcard {__version__}\n")
        return
    from riskcard.cli import main as run

    run()
