"""Downloading PatentsView bulk tables, end to end against a local HTTP server."""

from __future__ import annotations

import hashlib
import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest

import patnet as pn
from patnet.cli import main
from patnet.io import download as dl
from patnet.io.download import PatnetDownloadError, download_patentsview


# -- the server ------------------------------------------------------------------------
class Handler(BaseHTTPRequestHandler):
    """Serves ``server.files`` (name -> bytes) with HEAD, Range and If-Range.

    ``server.behave`` changes what it does, per file name:
    ``cut``: {name: K} send only the first K bytes of the next GET, then hang up;
    ``ignore_range``: answer every GET with the whole file (200);
    ``head_extra``: {name: n} announce n more bytes in HEAD than the file has;
    ``etag``: {name: value} the ETag sent (default: the quoted MD5, as S3 does);
    ``no_head``: answer HEAD with 405.
    """

    protocol_version = "HTTP/1.0"

    def log_message(self, *args):  # keep test output clean
        pass

    def _target(self):
        name = self.path.lstrip("/").split("?")[0]
        prefix = self.server.prefix
        if not name.startswith(prefix):
            return None, None
        name = name[len(prefix):]
        return name, self.server.files.get(name)

    def _etag(self, name, data):
        etags = self.server.behave.get("etag", {})
        if name in etags:
            return etags[name]
        return '"' + hashlib.md5(data).hexdigest() + '"'

    def do_HEAD(self):
        self.server.log.append(("HEAD", self.path, None))
        if self.server.behave.get("no_head"):
            self.send_error(405)
            return
        name, data = self._target()
        if data is None:
            self.send_error(404)
            return
        self.send_response(200)
        size = len(data) + self.server.behave.get("head_extra", {}).get(name, 0)
        self.send_header("Content-Length", str(size))
        self.send_header("Accept-Ranges", "bytes")
        etag = self._etag(name, data)
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()

    def do_GET(self):
        rng = self.headers.get("Range")
        self.server.log.append(("GET", self.path, rng))
        name, data = self._target()
        if data is None:
            self.send_error(404)
            return
        etag = self._etag(name, data)
        start = 0
        if_range = self.headers.get("If-Range")
        use_range = (rng and name not in self.server.behave.get("ignore_range", ())
                     and (if_range is None or if_range == etag))
        if use_range:
            m = re.match(r"bytes=(\d+)-$", rng)
            start = int(m.group(1))
            if start >= len(data):
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{len(data)}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        else:
            self.send_response(200)
        body = data[start:]
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        cut = self.server.behave.get("cut", {}).pop(name, None)
        if cut is not None:
            self.wfile.write(body[:cut])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(body)


@pytest.fixture(scope="module")
def pv_files(tmp_path_factory):
    """A small synthetic release in the PatentsView layout: file name -> bytes."""
    folder = tmp_path_factory.mktemp("pv-source")
    corpus = pn.datasets.synthetic_corpus(60, seed=5)
    paths = pn.datasets.write_patentsview(corpus, folder)
    return {Path(p).name: Path(p).read_bytes() for p in paths.values()}, corpus


@pytest.fixture
def server(pv_files, monkeypatch):
    monkeypatch.setattr(dl, "_RETRY_WAIT", 0.0)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.files = dict(pv_files[0])
    httpd.behave = {}
    httpd.log = []
    httpd.prefix = "download/"
    httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}/download/"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


def _get(server, dest, tables, **kw):
    kw.setdefault("progress", False)
    return download_patentsview(tables, dest, base_url=server.url, **kw)


def _gets(server, name):
    return [r for r in server.log if r[0] == "GET" and r[1].endswith("/" + name)]


# -- fetching ------------------------------------------------------------------------------
def test_fetch_several_tables(server, tmp_path):
    dest = tmp_path / "pv"
    out = _get(server, dest, ["patents", "inventors", "g_location_disambiguated"])
    assert list(out.columns) == ["table", "file", "url", "bytes", "status", "verified", "seconds"]
    assert out["table"].tolist() == ["patents", "inventors", "locations"]
    assert out["file"].tolist() == ["g_patent.tsv.zip", "g_inventor_disambiguated.tsv.zip",
                                    "g_location_disambiguated.tsv.zip"]
    assert out["url"].tolist() == [server.url + f for f in out["file"]]
    assert (out["status"] == "downloaded").all()
    assert (out["verified"] == "md5").all()  # the ETag is a plain MD5
    assert out["bytes"].dtype == "int64" and out["seconds"].dtype == "float64"
    for f, n in zip(out["file"], out["bytes"]):
        assert (dest / f).read_bytes() == server.files[f]
        assert n == len(server.files[f])
    assert sorted(p.name for p in dest.iterdir()) == sorted(out["file"])  # no .part left


def test_downloaded_release_loads(server, tmp_path, pv_files):
    out = _get(server, tmp_path, dl.DEFAULT_TABLES)
    assert set(out["file"]) == {"g_inventor_disambiguated.tsv.zip",
                                "g_location_disambiguated.tsv.zip",
                                "g_assignee_disambiguated.tsv.zip", "g_patent.tsv.zip",
                                "g_ipc_at_issue.tsv.zip"}
    corpus, report = pn.io.read_patentsview(tmp_path, cache=False)
    assert corpus.n_patents == pv_files[1].n_patents
    assert len(corpus.inventors) == len(pv_files[1].inventors)
    assert report.conserved


def test_names_and_base_url_from_the_environment(server, tmp_path, monkeypatch):
    monkeypatch.setenv(dl.BASE_URL_ENV, server.url.rstrip("/"))
    out = download_patentsview("patents, g_ipc_at_issue.tsv.zip,patents", tmp_path,
                               progress=False)
    assert out["table"].tolist() == ["patents", "ipc"]
    assert out["url"].iloc[0] == server.url + "g_patent.tsv.zip"


def test_unknown_name_lists_the_valid_ones(tmp_path):
    with pytest.raises(pn.PatnetInputError) as e:
        download_patentsview(["patents", "claims"], tmp_path / "x")
    msg = str(e.value)
    assert "'claims'" in msg and "inventors_raw (g_inventor_not_disambiguated)" in msg
    assert not (tmp_path / "x").exists()


def test_progress_bar_goes_to_stderr(server, tmp_path, capsys):
    _get(server, tmp_path, ["patents"], progress=True)
    captured = capsys.readouterr()
    assert "g_patent.tsv.zip" in captured.err and captured.out == ""


def test_server_without_head_or_checksum(server, tmp_path):
    server.behave.update(no_head=True, etag={"g_patent.tsv.zip": None})
    out = _get(server, tmp_path, ["patents"])
    assert out.loc[0, "status"] == "downloaded" and out.loc[0, "verified"] == "size"
    assert (tmp_path / "g_patent.tsv.zip").read_bytes() == server.files["g_patent.tsv.zip"]


def test_published_checksums(server, tmp_path):
    data = server.files["g_patent.tsv.zip"]
    server.files["SHA256SUMS"] = (f"{hashlib.sha256(data).hexdigest()}  g_patent.tsv.zip\n"
                                  f"{'0' * 64} *g_other.tsv.zip\n").encode()
    server.files["g_ipc_at_issue.tsv.zip.md5"] = (
        hashlib.md5(server.files["g_ipc_at_issue.tsv.zip"]).hexdigest() + "  x\n").encode()
    server.behave["etag"] = {"g_ipc_at_issue.tsv.zip": '"abc-2"'}  # multipart: not an MD5
    out = _get(server, tmp_path, ["patents", "ipc"])
    assert out["verified"].tolist() == ["sha256", "md5"]


# -- resuming ----------------------------------------------------------------------------
def test_resume_after_the_connection_drops(server, tmp_path):
    name = "g_inventor_disambiguated.tsv.zip"
    k = len(server.files[name]) // 3
    server.behave["cut"] = {name: k}
    out = _get(server, tmp_path, ["inventors"])
    assert out.loc[0, "status"] == "resumed"
    assert (tmp_path / name).read_bytes() == server.files[name]
    assert [r[2] for r in _gets(server, name)] == [None, f"bytes={k}-"]
    assert not (tmp_path / f"{name}.part").exists()


def test_interrupted_transfer_keeps_the_part_and_the_next_run_resumes(server, tmp_path):
    name = "g_patent.tsv.zip"
    k = 1000
    server.behave["cut"] = {name: k}
    with pytest.raises(PatnetDownloadError) as e:
        _get(server, tmp_path, ["patents"], retries=0)
    msg = str(e.value)
    assert "g_patent.tsv.zip" in msg and server.url in msg and "resumes" in msg
    assert e.value.url == server.url + name
    assert not (tmp_path / name).exists()
    assert (tmp_path / f"{name}.part").read_bytes() == server.files[name][:k]
    out = _get(server, tmp_path, ["patents"])
    assert out.loc[0, "status"] == "resumed" and out.loc[0, "verified"] == "md5"
    assert (tmp_path / name).read_bytes() == server.files[name]


def test_resume_from_a_truncated_part_file(server, tmp_path):
    name = "g_assignee_disambiguated.tsv.zip"
    k = len(server.files[name]) - 17
    (tmp_path / f"{name}.part").write_bytes(server.files[name][:k])
    out = _get(server, tmp_path, ["assignees"])
    assert out.loc[0, "status"] == "resumed"
    assert _gets(server, name)[-1][2] == f"bytes={k}-"
    assert (tmp_path / name).read_bytes() == server.files[name]


def test_server_ignoring_the_range_restarts_from_zero(server, tmp_path):
    name = "g_patent.tsv.zip"
    (tmp_path / f"{name}.part").write_bytes(b"\0" * 500)  # not even the right bytes
    server.behave["ignore_range"] = {name}
    out = _get(server, tmp_path, ["patents"])
    assert out.loc[0, "status"] == "downloaded"
    assert (tmp_path / name).read_bytes() == server.files[name]


def test_whole_part_file_is_verified_and_renamed(server, tmp_path):
    name = "g_patent.tsv.zip"
    (tmp_path / f"{name}.part").write_bytes(server.files[name])
    out = _get(server, tmp_path, ["patents"])
    assert out.loc[0, "status"] == "resumed" and out.loc[0, "verified"] == "md5"
    assert (tmp_path / name).read_bytes() == server.files[name]
    assert _gets(server, name) == []  # nothing left to fetch


def test_part_file_the_server_cannot_resume_is_fetched_again(server, tmp_path):
    name = "g_patent.tsv.zip"
    (tmp_path / f"{name}.part").write_bytes(server.files[name][:-5])
    server.files[name] = server.files[name][:-10]  # the file changed on the server
    server.behave["no_head"] = True  # so the client cannot tell before asking
    out = _get(server, tmp_path, ["patents"])  # 416, then a fresh download
    assert (tmp_path / name).read_bytes() == server.files[name]
    assert out.loc[0, "status"] == "downloaded"
    assert [r[2] for r in _gets(server, name)] == [f"bytes={len(server.files[name]) + 5}-", None]


def test_part_file_longer_than_the_file_is_discarded(server, tmp_path):
    name = "g_patent.tsv.zip"
    (tmp_path / f"{name}.part").write_bytes(server.files[name] + b"junk")
    out = _get(server, tmp_path, ["patents"])
    assert out.loc[0, "status"] == "downloaded"
    assert (tmp_path / name).read_bytes() == server.files[name]


# -- verification ----------------------------------------------------------------------
def test_size_mismatch_raises_and_leaves_nothing(server, tmp_path):
    name = "g_patent.tsv.zip"
    server.behave["head_extra"] = {name: 100}
    with pytest.raises(PatnetDownloadError) as e:
        _get(server, tmp_path, ["patents"])
    msg = str(e.value)
    assert "announced" in msg and "run again" in msg and name in msg
    assert list(tmp_path.iterdir()) == []


def test_checksum_mismatch_raises_and_leaves_nothing(server, tmp_path):
    name = "g_patent.tsv.zip"
    server.behave["etag"] = {name: '"' + "0" * 32 + '"'}
    with pytest.raises(PatnetDownloadError, match="MD5 checksum") as e:
        _get(server, tmp_path, ["patents"])
    assert "deleted" in str(e.value)
    assert list(tmp_path.iterdir()) == []


def test_sha256_list_mismatch(server, tmp_path):
    server.files["checksums.txt"] = f"SHA256 (g_patent.tsv.zip) = {'a' * 64}\n".encode()
    with pytest.raises(PatnetDownloadError, match="SHA256"):
        _get(server, tmp_path, ["patents"])
    assert list(tmp_path.iterdir()) == []


# -- skipping ------------------------------------------------------------------------------
def test_skip_when_already_present(server, tmp_path):
    _get(server, tmp_path, ["patents", "ipc"])
    n_gets = len(_gets(server, "g_patent.tsv.zip"))
    out = _get(server, tmp_path, ["patents", "ipc"])
    assert out["status"].tolist() == ["skipped", "skipped"]
    assert out["verified"].tolist() == ["size", "size"]
    assert len(_gets(server, "g_patent.tsv.zip")) == n_gets  # only a HEAD
    out = _get(server, tmp_path, ["patents"], overwrite=True)
    assert out.loc[0, "status"] == "downloaded"


def test_present_file_of_the_wrong_size_is_replaced(server, tmp_path):
    name = "g_patent.tsv.zip"
    (tmp_path / name).write_bytes(b"truncated")
    out = _get(server, tmp_path, ["patents"])
    assert out.loc[0, "status"] == "downloaded"
    assert (tmp_path / name).read_bytes() == server.files[name]


# -- failures ------------------------------------------------------------------------------
def test_404_is_one_clear_error(server, tmp_path):
    with pytest.raises(PatnetDownloadError) as e:
        _get(server, tmp_path, ["patents", "cpc"])  # the sample release has no CPC table
    msg = str(e.value)
    assert "g_cpc_current.tsv.zip" in msg and "HTTP 404" in msg
    assert server.url + "g_cpc_current.tsv.zip" in msg
    assert dl.MANUAL_DOWNLOAD_PAGE in msg and str(tmp_path) in msg
    assert isinstance(e.value, pn.PatnetInputError)
    assert (tmp_path / "g_patent.tsv.zip").exists()  # what came before is kept


def test_connection_refused_is_one_clear_error(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/download/"
    with pytest.raises(PatnetDownloadError) as e:
        download_patentsview(["patents"], tmp_path, base_url=url, progress=False, timeout=5)
    msg = str(e.value)
    assert "cannot download g_patent.tsv.zip" in msg and url in msg
    assert "network" in msg and dl.MANUAL_DOWNLOAD_PAGE in msg
    assert "\n" not in msg


# -- the command -----------------------------------------------------------------------------
def test_download_command(server, tmp_path, capsys):
    dest = tmp_path / "pv"
    code = main(["download", "patentsview", "--tables", "patents,ipc", "--dest", str(dest),
                 "--base-url", server.url])
    assert code == 0
    captured = capsys.readouterr()
    assert "g_patent.tsv.zip" in captured.out and "downloaded" in captured.out
    assert f"patnet info {dest}" in captured.out
    assert (dest / "g_ipc_at_issue.tsv.zip").read_bytes() == server.files["g_ipc_at_issue.tsv.zip"]
    assert main(["--quiet", "download", "patentsview", "--tables", "patents", "--dest", str(dest),
                 "--base-url", server.url]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_download_command_errors(server, tmp_path, capsys):
    code = main(["download", "patentsview", "--tables", "cpc", "--dest", str(tmp_path),
                 "--base-url", server.url])
    assert code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("patnet: error: ")
    assert "HTTP 404" in err and "Traceback" not in err
    with pytest.raises(SystemExit) as e:
        main(["download", "patentsview", "--tables", "claims", "--dest", str(tmp_path)])
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "claims" in err and "inventors_raw" in err


def test_download_command_help_has_examples(capsys):
    for argv in (["download", "--help"], ["download", "patentsview", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        out = capsys.readouterr().out
        assert "examples:" in out and "patnet download patentsview" in out


def test_result_is_a_dataframe(server, tmp_path):
    out = _get(server, tmp_path, "ipc")
    assert isinstance(out, pd.DataFrame) and len(out) == 1
