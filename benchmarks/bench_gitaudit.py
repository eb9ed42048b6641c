"""`riskcard audit --git` against `git log -p` over the same synthetic history.

    python benchmarks/bench_gitaudit.py [--commits 1000] [--runs 3] [--profile]

Builds a temporary git repository (git init, local user.name/email) holding
scorecards/ (20 copies of o3-mini.yaml with their own model ids) and
frameworks/openai-preparedness-beta.yaml (a copy of the bundled one), then COMMITS
commits on top of the initial one. Each commit changes one rating of one scorecard
(pre and post set together, cycling low -> medium -> high, so post <= pre holds);
every 100th commit (--framework-every) instead flips the deploy rule's threshold in the framework copy
(at_least: high <-> critical). The history is written with `git fast-import`.

Times, interleaved, median of RUNS:
  riskcard  riskcard audit --git --repo REPO --format json   (stdout to /dev/null)
  git       git -C REPO log -p                               (stdout to /dev/null)
Target: riskcard <= 3x git log -p. When it misses (or with --profile) riskcard is run
once under cProfile and the top functions are printed.
"""

from __future__ import annotations

import argparse
import cProfile  # noqa: F401 - documents that the profiler is the stdlib one
import io
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path

from _bench import O3_MINI, ROOT, Case, header, interleaved, table, tool, verdict

FRAMEWORK = ROOT / "riskcard" / "frameworks" / "openai-preparedness-beta.yaml"
CATEGORIES = ("cybersecurity", "cbrn", "persuasion", "model_autonomy")
LEVELS = ("low", "medium", "high")
CARDS = 20
DEPLOY_RULE = (
    "  - id: deploy.post-medium-or-below\n    decision: deploy\n    when: {stage: post, at_least: "
)


def card_text(template: str, index: int, ratings: dict[str, str]) -> str:
    text = template.replace("openai/o3-mini", f"bench/model-{index:02d}")
    text = text.replace("name: OpenAI o3-mini", f"name: Bench model {index}")
    for category in CATEGORIES:
        head = f"  {category}:\n    pre: "
        start = text.index(head) + len(head)
        end = text.index("\n    cite:", start)
        level = ratings[category]
        text = text[:start] + f"{level}\n    post: {level}" + text[end:]
    return text


def framework_text(template: str, threshold: str) -> str:
    assert DEPLOY_RULE + "high}" in template
    return template.replace(DEPLOY_RULE + "high}", DEPLOY_RULE + threshold + "}")


def fast_import_stream(commits: int, framework_every: int = 100) -> bytes:
    """The whole history as a `git fast-import` stream."""
    template = O3_MINI.read_text("utf-8")
    framework = FRAMEWORK.read_text("utf-8")
    ratings = [{c: "low" for c in CATEGORIES} for _ in range(CARDS)]
    out = io.BytesIO()
    when = 1_704_067_200  # 2024-01-01T00:00:00Z

    def commit(number: int, message: str, files: dict[str, str]) -> None:
        stamp = f"Bench <bench@example.invalid> {when + number * 3600} +0000"
        msg = message.encode()
        out.write(
            f"commit refs/heads/main\nmark :{number + 1}\nauthor {stamp}\n"
            f"committer {stamp}\ndata {len(msg)}\n".encode()
            + msg
            + b"\n"
        )
        if number:
            out.write(f"from :{number}\n".encode())
        for path, text in files.items():
            data = text.encode()
            out.write(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
        out.write(b"\n")

    initial = {
        f"scorecards/model-{i:02d}.yaml": card_text(template, i, ratings[i]) for i in range(CARDS)
    }
    initial["frameworks/openai-preparedness-beta.yaml"] = framework
    commit(0, "initial scorecards and framework copy", initial)
    threshold = "high"
    for number in range(1, commits + 1):
        if framework_every and number % framework_every == 0:
            threshold = "critical" if threshold == "high" else "high"
            commit(
                number,
                f"deploy threshold -> {threshold}",
                {"frameworks/openai-preparedness-beta.yaml": framework_text(framework, threshold)},
            )
            continue
        card = number % CARDS
        category = CATEGORIES[(number // CARDS) % len(CATEGORIES)]
        level = LEVELS[(LEVELS.index(ratings[card][category]) + 1) % len(LEVELS)]
        ratings[card][category] = level
        commit(
            number,
            f"model-{card:02d}: {category} -> {level}",
            {f"scorecards/model-{card:02d}.yaml": card_text(template, card, ratings[card])},
        )
    return out.getvalue()


def build_repo(repo: Path, commits: int, framework_every: int = 100) -> None:
    def git(*args: str, data: bytes | None = None) -> None:
        subprocess.run(
            ["git", "-C", str(repo), *args],
            input=data,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    repo.mkdir()
    git("init", "-q", "-b", "main")
    git("config", "user.name", "Bench")
    git("config", "user.email", "bench@example.invalid")
    git("fast-import", "--quiet", data=fast_import_stream(commits, framework_every))
    git("reset", "-q", "--hard", "main")


def profile(riskcard_args: list[str], out: Path, top: int = 20) -> str:
    subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "riskcard", *riskcard_args],
        stdout=subprocess.DEVNULL,
        check=True,
    )
    text = io.StringIO()
    stats = pstats.Stats(str(out), stream=text)
    # cumulative: riskcard's own functions only (the typer/click wrapper frames say nothing)
    stats.sort_stats("cumulative").print_stats(r"riskcard/(?!cli|entry|__main__)", top)
    stats.sort_stats("tottime").print_stats(top)
    return text.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument(
        "--framework-every",
        type=int,
        default=100,
        help="every Nth commit changes the framework copy (0: never)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="profile riskcard even if it meets the target"
    )
    options = parser.parse_args()
    riskcard = tool("riskcard")
    print(
        header(
            f"bench_gitaudit: {options.commits} commits + 1 initial, median of {options.runs} runs"
        )
    )
    with tempfile.TemporaryDirectory(prefix="riskcard-bench-git-") as tmp:
        repo = Path(tmp) / "repo"
        build_repo(repo, options.commits, options.framework_every)
        count = subprocess.run(
            ["git", "-C", str(repo), "rev-list", "--count", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        print(
            f"# repository: {count} commits, {CARDS} scorecards, 1 framework copy; "
            f"{options.commits // options.framework_every if options.framework_every else 0} "
            "framework commits"
        )
        audit_args = ["audit", "--git", "--repo", str(repo), "--format", "json"]
        mine = Case(
            "riskcard",
            "riskcard audit --git --repo REPO --format json > /dev/null",
            [[riskcard, *audit_args]],
        )
        peer = Case(
            "git", "git -C REPO log -p > /dev/null", [["git", "-C", str(repo), "log", "-p"]]
        )
        interleaved([mine, peer], options.runs, options.warmup)
        ratio = mine.median / peer.median
        print(
            table(
                [
                    (
                        mine.name,
                        mine.label,
                        f"{mine.median:.3f}",
                        f"{ratio:.2f}",
                        f"{max(mine.rss) / 1024:.0f}",
                    ),
                    (
                        peer.name,
                        peer.label,
                        f"{peer.median:.3f}",
                        "1.00",
                        f"{max(peer.rss) / 1024:.0f}",
                    ),
                ],
                ("tool", "command", "wall s (median)", "ratio to git log -p", "peak RSS MiB"),
            )
        )
        print(f"riskcard / git log -p: {verdict(ratio, 3)}")
        if ratio > 3 or options.profile:
            print(
                "\n# cProfile of `python -m riskcard "
                + " ".join(audit_args[:3])
                + " REPO --format json` (riskcard functions by cumulative time, then top 20 by own time)"
            )
            print(profile(audit_args, Path(tmp) / "audit.prof"))


if __name__ == "__main__":
    main()
