"""``jixiao ingest --scheduler``: on a real Dask cluster (a ``dask scheduler`` and two ``dask worker``
processes) the store ends up holding exactly what a plain ``ingest`` stores — the same documents,
forms, rows and findings — on SQLite and on PostgreSQL; a worker killed mid-run loses nothing and
duplicates nothing; ``local:2`` starts a cluster of its own; without Dask, one line says what to install.
"""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.present.cli import app
from tests.scale.conftest import Cluster, corpus, ingest, need_dask, stored

runner = CliRunner()


def _plain(folder: Path, url: str) -> dict[str, list[str]]:
    """What a plain ``jixiao ingest --jobs 1`` stores (run here: the imports are paid already)."""
    done = runner.invoke(app, ["ingest", str(folder), "--db", url, "--jobs", "1"])
    assert done.exit_code == 1, done.output  # the junk file failed, the empty one was skipped
    return stored(url)


def test_cluster_stores_what_a_plain_ingest_stores(cluster: Cluster, db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    corpus(folder)
    done = ingest(folder, db_url, "--scheduler", cluster.address)
    assert done.returncode == 1, done.stderr
    summary = json.loads(done.stdout)
    assert summary["documents"] == 9 and summary["stored"] == 8 and summary["forms"] == 30
    assert [f["path"].rsplit("/", 1)[1] for f in summary["failed"]] == ["junk.txt"]
    assert [s["path"].rsplit("/", 1)[1] for s in summary["skipped"]] == ["empty.txt"]
    assert "Dask 集群 / cluster" in done.stderr and "2 个工作线程" in done.stderr
    on_cluster = stored(db_url)
    plain_url = f"sqlite:///{tmp_path / 'plain.db'}"
    assert on_cluster == _plain(folder, plain_url)
    assert len(on_cluster["documents"]) == 8 and len(on_cluster["forms"]) == 30
    assert len(on_cluster["findings"]) > 5 and len(on_cluster["rows"]) > 100
    again = ingest(folder, db_url, "--scheduler", cluster.address)  # idempotent: nothing new
    assert json.loads(again.stdout)["stored"] == 0 and json.loads(again.stdout)["unchanged"] == 8
    assert stored(db_url) == on_cluster


def test_worker_killed_mid_run_loses_and_duplicates_nothing(dying_cluster: Cluster, db_url: str,
                                                            tmp_path: Path) -> None:
    folder = tmp_path / "in"
    corpus(folder, copies=20, forms=4)
    done = ingest(folder, db_url, "--scheduler", dying_cluster.address)
    assert done.returncode == 1, done.stderr
    assert dying_cluster.workers["w1"].wait(10) == -signal.SIGKILL  # it died, on its third document
    assert dying_cluster.workers["w0"].poll() is None
    summary = json.loads(done.stdout)
    assert summary["stored"] == 28 and summary["documents"] == 29
    assert [f["path"].rsplit("/", 1)[1] for f in summary["failed"]] == ["junk.txt"]
    on_cluster = stored(db_url)
    assert len(on_cluster["documents"]) == 28 and len(on_cluster["forms"]) == 30 + 20 * 4
    assert on_cluster == _plain(folder, f"sqlite:///{tmp_path / 'plain.db'}")


def test_scheduler_lost_mid_run_is_one_line_and_a_rerun_completes(scheduler_killing_cluster: Cluster,
                                                                  tmp_path: Path) -> None:
    folder = tmp_path / "in"
    corpus(folder, copies=20, forms=4)
    url = f"sqlite:///{tmp_path / 'lost.db'}"
    done = ingest(folder, url, "--scheduler", scheduler_killing_cluster.address, connect="2s")
    assert scheduler_killing_cluster.scheduler.wait(10) == -signal.SIGKILL
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines()[-1].startswith("jixiao: 与调度器的连接中断 / lost the scheduler")
    assert "Traceback" not in done.stderr
    partial = stored(url)
    assert len(partial["documents"]) < 28  # it stopped; each document stored is whole (checked below)
    rest = runner.invoke(app, ["ingest", str(folder), "--db", url, "--jobs", "1", "--format", "json"])
    assert rest.exit_code == 1, rest.output
    assert json.loads(rest.stdout)["unchanged"] == len(partial["documents"])
    assert stored(url) == _plain(folder, f"sqlite:///{tmp_path / 'plain.db'}")


def test_local_cluster(tmp_path: Path) -> None:
    need_dask()
    folder = tmp_path / "in"
    corpus(folder)
    url = f"sqlite:///{tmp_path / 'local.db'}"
    done = ingest(folder, url, "--scheduler", "local:2")
    assert done.returncode == 1, done.stderr
    assert "local:2，2 个工作线程" in done.stderr
    assert json.loads(done.stdout)["stored"] == 8
    assert stored(url) == _plain(folder, f"sqlite:///{tmp_path / 'plain.db'}")



def test_without_dask_one_line_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as on an install without the extra
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    db = tmp_path / "x.db"
    result = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", str(db), "--scheduler", "local:2"])
    assert result.exit_code == 2
    assert result.stderr == "jixiao: 未安装 Dask，无法使用 --scheduler / Dask is not installed: " \
                            "pip install 'jixiao[dask]'\n"
    assert not db.exists()  # refused before the database was touched


@pytest.mark.parametrize(("args", "message"), [
    (["--scheduler", "local:0"], "local:N 的 N 须为正整数"),
    (["--scheduler", "http://x"], "调度器地址无效"),
    (["--scheduler", "local:2", "--jobs", "2"], "--jobs 与 --scheduler 不能同用"),
])
def test_bad_scheduler_arguments(tmp_path: Path, args: list[str], message: str) -> None:
    need_dask()
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "x.db"), *args])
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_unreachable_scheduler_is_one_line(tmp_path: Path) -> None:
    need_dask()
    import socket

    with socket.socket() as free:  # a port nobody listens on (bound, never listening)
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
        (tmp_path / "a.txt").write_text("x", encoding="utf-8")
        done = ingest(tmp_path / "a.txt", f"sqlite:///{tmp_path / 'x.db'}", "--scheduler", f"tcp://127.0.0.1:{port}",
                      connect="1s")
    assert done.returncode == 2
    assert "无法连接调度器 / scheduler unreachable" in done.stderr and "Traceback" not in done.stderr
