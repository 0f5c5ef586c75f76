"""The patnet command."""

from __future__ import annotations

import subprocess
import sys

import pytest

import patnet as pn
from patnet.cli import detect_source, main
from patnet.testing import make_corpus


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert pn.__version__ in capsys.readouterr().out
    assert main([]) == 0
    assert "info" in capsys.readouterr().out


def test_info_on_a_corpus_folder(tmp_path, capsys):
    pn.io.write_corpus(make_corpus({"1": ["CN", "SG"], "2": ["CN"]}), tmp_path / "c")
    assert main(["info", str(tmp_path / "c")]) == 0
    out = capsys.readouterr().out
    assert "2 patents" in out and "rows_read" in out and "CN 2" in out


def test_info_on_the_sample(capsys):
    assert main(["info", "sample"]) == 0
    out = capsys.readouterr().out
    assert "PatentCorpus" in out and "LoadReport" in out


def test_errors_are_one_line_with_status_2(tmp_path, capsys):
    assert main(["info", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("patnet: error:") and "does not exist" in err
    (tmp_path / "empty").mkdir()
    assert main(["info", str(tmp_path / "empty")]) == 2
    assert "cannot tell what" in capsys.readouterr().err


def test_detect_source(tmp_path):
    (tmp_path / "pv").mkdir()
    (tmp_path / "pv" / "g_patent.tsv.zip").write_bytes(b"")
    assert detect_source(str(tmp_path / "pv")) == "patentsview"
    (tmp_path / "x.xml").write_text("")
    assert detect_source(str(tmp_path / "x.xml")) == "xml"


def test_console_script_runs():
    out = subprocess.run([sys.executable, "-m", "patnet.cli", "--version"], capture_output=True,
                         text=True, check=True)
    assert out.stdout.startswith("patnet ")
