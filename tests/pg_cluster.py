"""A throw-away PostgreSQL cluster for the tests: initdb in a temporary folder, 127.0.0.1 on a free port.

Started once per test session (``pg_server`` in conftest.py) and stopped at its end. As root (CI), the
server runs as the ``postgres`` system user (made by the Debian package) through ``runuser``. When no
server can be started the PostgreSQL tests are skipped with the reason, except on CI (CI=true) or
with GOALDESK_PG_REQUIRED=1, where they fail instead: CI must never pass them silently.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

USER = "goaldesk"
PASSWORD = "goaldesk-test-secret"


class ClusterUnavailable(Exception):
    """Why no test server could be started."""


def required() -> bool:
    """CI must run the PostgreSQL tests, so there a missing server is a failure, not a skip."""
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("GOALDESK_PG_REQUIRED") == "1"


def _bin_dir() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[4]))
    if not candidates:
        raise ClusterUnavailable("PostgreSQL is not installed (no pg_ctl; on Debian: apt-get install postgresql)")
    return Path(candidates[-1]).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    """A running server; ``url(dbname)`` is a libpq URI with the test password."""

    folder: Path
    bin_dir: Path
    port: int
    prefix: list[str]

    def url(self, dbname: str = "postgres", password: str = PASSWORD, port: int | None = None) -> str:
        return f"postgresql://{USER}:{password}@127.0.0.1:{port or self.port}/{dbname}"

    def admin(self, sql: str) -> None:
        """Run one statement on the maintenance database, outside a transaction (CREATE/DROP DATABASE)."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def create_database(self) -> str:
        name = f"t_{uuid.uuid4().hex[:16]}"
        self.admin(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return name

    def drop_database(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        subprocess.run(
            [*self.prefix, str(self.bin_dir / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop"],
            capture_output=True, check=False, timeout=60,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def start() -> Cluster:
    """initdb + pg_ctl start in a fresh temporary folder; raises ClusterUnavailable with the reason."""
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise ClusterUnavailable("psycopg is not installed (pip install -e '.[test]')") from exc
    bin_dir = _bin_dir()
    prefix: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="goaldesk-pg-"))
    if os.geteuid() == 0:
        # PostgreSQL refuses to run as root; the Debian package's system user runs it.
        import pwd

        try:
            owner = pwd.getpwnam("postgres")
        except KeyError as exc:
            shutil.rmtree(folder, ignore_errors=True)
            raise ClusterUnavailable("running as root and there is no 'postgres' user to run the server") from exc
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    os.chmod(folder, 0o700)
    data = folder / "data"
    pwfile = folder / "pw"
    pwfile.write_text(PASSWORD + "\n")
    if prefix:
        os.chown(pwfile, owner.pw_uid, owner.pw_gid)
    port = _free_port()
    cluster = Cluster(folder, bin_dir, port, prefix)
    try:
        _run([*prefix, str(bin_dir / "initdb"), "-D", str(data), "-U", USER, f"--pwfile={pwfile}",
              "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={folder} "
            "-c fsync=off -c full_page_writes=off -c max_connections=60 -c shared_buffers=32MB"
        )
        _run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-o", options,
              "-w", "-t", "60", "start"])
        _wait_ready(cluster)
    except ClusterUnavailable:
        log = folder / "log"
        tail = log.read_text(errors="replace")[-600:] if log.exists() else ""
        cluster.stop()
        if tail:
            raise ClusterUnavailable(f"the server did not start: {tail}") from None
        raise
    return cluster


def _run(command: list[str]) -> None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ClusterUnavailable(f"{Path(command[0]).name} failed: {exc}") from exc
    if done.returncode != 0:
        raise ClusterUnavailable(f"{' '.join(command[-3:])} failed: {(done.stderr or done.stdout).strip()[-600:]}")


def _wait_ready(cluster: Cluster) -> None:
    import psycopg

    deadline = time.monotonic() + 30
    while True:
        try:
            with psycopg.connect(cluster.url(), connect_timeout=5):
                return
        except psycopg.OperationalError as exc:
            if time.monotonic() > deadline:
                raise ClusterUnavailable(f"the server does not answer: {exc}") from exc
            time.sleep(0.2)
