"""Writing an output file leaves the name what it was: a file is replaced atomically, a link
stays a link and its target is written, a pipe or a device is written as a stream."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from simulator.files import WriteError, output_target, write_output


def leftovers(folder: Path) -> list[Path]:
    return list(folder.rglob("*.part"))


def test_a_new_file_is_written_and_nothing_else_is_left(tmp_path: Path) -> None:
    path = tmp_path / "report.json"

    write_output(path, "{}\n", overwrite=False)

    assert path.read_text(encoding="utf-8") == "{}\n"
    assert leftovers(tmp_path) == []


def test_a_regular_file_is_replaced_whole_and_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text("old and longer\n", encoding="utf-8")
    path.chmod(0o640)
    before = path.stat().st_ino

    write_output(path, "new\n", overwrite=True)

    assert path.read_text(encoding="utf-8") == "new\n"
    assert path.stat().st_ino != before  # renamed into place, never written half-way
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_symlink_stays_a_link_and_its_target_is_written(tmp_path: Path) -> None:
    target = tmp_path / "real" / "report.json"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "report.json"
    link.symlink_to(target)

    write_output(link, "new\n", overwrite=True)

    assert link.is_symlink() and link.readlink() == target
    assert target.read_text(encoding="utf-8") == "new\n"
    assert leftovers(tmp_path) == []


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    link = tmp_path / "latest.json"
    link.symlink_to(target)

    write_output(link, "new\n", overwrite=True)

    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "new\n"


def test_not_overwriting_refuses_a_symlink_even_a_dangling_one(tmp_path: Path) -> None:
    link = tmp_path / "my-brief.yaml"
    link.symlink_to(tmp_path / "nowhere.yaml")

    with pytest.raises(WriteError, match="already exists; not overwriting it"):
        write_output(link, "new\n", overwrite=False)

    assert not (tmp_path / "nowhere.yaml").exists()


def test_a_link_into_a_missing_folder_is_one_line_naming_where_it_points(tmp_path: Path) -> None:
    link = tmp_path / "report.json"
    link.symlink_to(tmp_path / "missing" / "report.json")

    with pytest.raises(WriteError, match=r"links to .*missing.*folder that does not exist"):
        write_output(link, "new\n", overwrite=True)


def test_a_named_pipe_and_a_device_are_streams_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    assert output_target(fifo, overwrite=True).stream
    assert output_target(Path("/dev/null"), overwrite=True).stream
    assert not output_target(tmp_path / "new.json", overwrite=True).stream


def test_a_full_device_is_one_line_not_success() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with pytest.raises(WriteError, match=r"/dev/full: cannot write .*No space left"):
        write_output(Path("/dev/full"), "x" * 10_000, overwrite=True)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_folder_is_refused_whether_or_not_overwriting(tmp_path: Path) -> None:
    for overwrite in (True, False):
        with pytest.raises(WriteError, match="is a folder; give a file name"):
            write_output(tmp_path, "x", overwrite=overwrite)


def test_a_failed_write_in_a_read_only_folder_says_why_and_leaves_nothing(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        with pytest.raises(WriteError, match="cannot write"):
            write_output(folder / "report.json", "x", overwrite=True)
    finally:
        folder.chmod(0o700)
    assert list(folder.iterdir()) == []
