"""Output files and folders, and what the environment does to them: special files are written
into, folders are swapped in whole under a lock, and write failures are exit 2 with a plain
message and nothing half-written."""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT
from riskcard.formats.errors import OutputError
from riskcard.publish.folder import safe_part, write_folder
from riskcard.terminal import run_command

ARGS = ["gate", "-f", "json", str(EXAMPLE)]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _riskcard(shell_tail: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = f"{sys.executable} -m riskcard {' '.join(ARGS)} {shell_tail}"
    return subprocess.run(
        ["bash", "-c", command], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=120
    )


def test_output_to_dev_null_keeps_the_device(cli) -> None:
    run = cli(*ARGS, "-o", "/dev/null")
    assert run.code in (0, 1), run.err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_output_to_a_fifo_writes_into_it(cli, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    run = cli(*ARGS, "-o", str(fifo))
    reader.join(timeout=30)
    assert run.code in (0, 1), run.err
    assert b'"riskcard"' in received[0]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_output_to_dev_stdout_prints_and_keeps_the_link(tmp_path: Path) -> None:
    run = _riskcard("-o /dev/stdout", tmp_path)
    assert run.returncode in (0, 1), run.stderr
    assert '"riskcard"' in run.stdout
    assert os.path.islink("/dev/stdout")


@pytest.mark.parametrize("target", ["", ".", "/tmp"])
def test_output_to_a_folder_or_no_name_is_a_usage_error(cli, target: str) -> None:
    run = cli(*ARGS, "-o", target)
    assert run.code == 2
    assert run.err.startswith("riskcard: ") and "Traceback" not in run.err


def test_output_below_a_file_is_a_usage_error(cli, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    run = cli(*ARGS, "-o", str(tmp_path / "file" / "gate.json"))
    assert run.code == 2
    assert "is a file, not a folder" in run.err


def test_output_into_a_read_only_folder_is_a_usage_error(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmp_path.chmod(0o500)
    # Root writes into a read-only folder (CI runs as root): refuse it as the OS would.
    import tempfile

    real = tempfile.mkstemp

    def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        if Path(str(kwargs.get("dir", ""))).resolve() == tmp_path.resolve():
            raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path))
        return real(*args, **kwargs)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    try:
        run = cli(*ARGS, "-o", str(tmp_path / "gate.json"))
    finally:
        tmp_path.chmod(0o700)
    assert run.code == 2 and "permission denied" in run.err
    assert not (tmp_path / "gate.json").exists()


def test_a_254_character_name_is_written(cli, tmp_path: Path) -> None:
    target = tmp_path / ("g" * 249 + ".json")
    run = cli(*ARGS, "-o", str(target))
    assert run.code in (0, 1), run.err
    assert target.read_text("utf-8").startswith("{")
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_full_disk_leaves_the_old_file_and_no_temporary(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "gate.json"
    target.write_text("old")

    def full(_: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    run = cli(*ARGS, "-o", str(target))
    assert run.code == 2 and "the disk is full" in run.err
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["gate.json"]


def test_a_file_size_limit_on_stdout_is_exit_2(tmp_path: Path) -> None:
    run = _riskcard("> out.json", tmp_path).returncode
    assert run in (0, 1)
    limited = subprocess.run(
        ["bash", "-c", f"ulimit -f 4; {sys.executable} -m riskcard gate -f json "
         f"{ROOT / 'scorecards'} > out.json"],
        cwd=tmp_path, env=ENV, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert limited.returncode == 2, limited.stderr
    assert "file-size limit" in limited.stderr and "Traceback" not in limited.stderr


def test_a_closed_pipe_is_exit_2_without_a_traceback(tmp_path: Path) -> None:
    command = (
        f"{sys.executable} -m riskcard gate -f json {ROOT / 'scorecards'} | head -c 10 "
        "> /dev/null; echo ${PIPESTATUS[0]} >&2"
    )
    run = subprocess.run(
        ["bash", "-c", command], cwd=tmp_path, env=ENV, capture_output=True, text=True
    )
    assert run.stderr.strip().endswith("2"), run.stderr
    assert "reader closed the pipe" in run.stderr and "Traceback" not in run.stderr


def test_a_closed_stdout_is_exit_2_without_a_traceback(tmp_path: Path) -> None:
    run = _riskcard(">&-", tmp_path)
    assert run.returncode == 2
    assert "stdout is closed" in run.stderr and "Traceback" not in run.stderr


def test_memory_error_is_a_plain_message(capsys: pytest.CaptureFixture[str]) -> None:
    def exhausted(_console: object) -> int:
        raise MemoryError

    assert run_command(exhausted) == 2
    assert capsys.readouterr().err == "riskcard: out of memory; give fewer or smaller inputs\n"


# --------------------------------------------------------------------------- folders


def test_site_refuses_the_root_and_the_home_folder(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("site", "/", str(EXAMPLE)).code == 2
    home = tmp_path / "home"
    home.mkdir()
    (home / ".bashrc").write_text("mine")
    monkeypatch.setenv("HOME", str(home))
    run = cli("site", str(home), str(EXAMPLE), "--force")
    assert run.code == 2 and "refusing" in run.err
    assert (home / ".bashrc").read_text() == "mine"


def test_site_keeps_a_users_folder_unless_forced(cli, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "index.html").write_text("my page")
    (mine / "notes.txt").write_text("my notes")
    run = cli("site", str(mine), str(EXAMPLE))
    assert run.code == 2 and "--force" in run.err
    assert (mine / "index.html").read_text() == "my page"
    assert cli("site", str(mine), str(EXAMPLE), "--force").code == 0
    assert (mine / "notes.txt").read_text() == "my notes"
    assert "riskcard" in (mine / "index.html").read_text()


def test_out_dir_that_is_a_file_is_a_usage_error(cli, tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x")
    assert cli("report", "--out-dir", str(afile), str(EXAMPLE)).code == 2
    assert cli("schema", "--out-dir", str(afile)).code == 2
    assert afile.read_text() == "x"


def test_a_second_run_refuses_while_the_first_holds_the_lock(cli, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    assert cli("report", "--out-dir", str(out), str(EXAMPLE)).code == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    handle = os.open(tmp_path / ".reports.riskcard-lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        run = cli("report", "--out-dir", str(out), str(EXAMPLE))
    finally:
        os.close(handle)
    assert run.code == 2 and "another riskcard run" in run.err
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before


def test_leftovers_of_a_killed_run_are_cleaned_and_the_old_folder_restored(
    tmp_path: Path,
) -> None:
    out = tmp_path / "site"
    (tmp_path / ".site.riskcard-new-99").mkdir()
    (tmp_path / ".site.riskcard-new-99" / "half.html").write_text("half")
    backup = tmp_path / ".site.riskcard-old-99"  # killed between the two renames
    backup.mkdir()
    (backup / "mine.txt").write_text("kept")
    (backup / ".m").write_text("old.html\n")
    (backup / "old.html").write_text("old")
    write_folder(out, {Path("index.html"): "new"}, ".m")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert sorted(p.name for p in out.iterdir()) == [".m", "index.html", "mine.txt"]


def test_a_failed_folder_write_leaves_the_old_folder_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    write_folder(out, {Path("index.html"): "old", Path("a/b.html"): "old"}, ".m")
    real = Path.write_text

    def fills(self: Path, text: str, *args: object, **kwargs: object) -> int:
        if self.name == "b.html":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", fills)
    with pytest.raises(OutputError, match="the disk is full"):
        write_folder(out, {Path("index.html"): "new", Path("a/b.html"): "new"}, ".m")
    monkeypatch.undo()
    assert (out / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_output_names_are_safe_on_windows_and_case_insensitive_systems() -> None:
    assert [safe_part(x) for x in ("con", "AUX", "nul.tar", "com1", "lpt9", "conx")] == [
        "con_",
        "aux_",
        "nul_.tar",
        "com1_",
        "lpt9_",
        "conx",
    ]
    assert len(safe_part("x" * 500)) == 100


def test_model_ids_that_differ_only_in_case_get_distinct_pages(tmp_path: Path) -> None:
    from riskcard.publish.folder import NameBook

    names = NameBook(tmp_path)
    first = names.claim("models", "acme", "Model", suffix=".html")
    second = names.claim("models", "acme", "model", suffix=".html")
    assert first.as_posix().casefold() != second.as_posix().casefold()


def test_an_unwritable_place_is_a_usage_error_even_as_root(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*_: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refused)
    run = cli(*ARGS, "-o", str(tmp_path / "gate.json"))
    assert run.code == 2 and "permission denied" in run.err
    assert list(tmp_path.iterdir()) == []
