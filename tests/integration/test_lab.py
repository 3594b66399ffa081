"""``make lab`` starts JupyterLab on the notebooks wherever it runs (also as root in a container)
and says its URL; the server answers on it."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from werkdruk_utils import paths

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_lab_starts_and_prints_its_url():
    port = free_port()
    process = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"LAB_PORT={port}"],
        cwd=paths.ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        env={k: v for k, v in os.environ.items() if k != "DISPLAY"},
    )
    url, seen = None, []
    try:
        deadline = time.monotonic() + 120
        while url is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            seen.append(line)
            match = re.search(rf"(http://127\.0\.0\.1:{port}/lab\?token=\w+)", line)
            url = match.group(1) if match else None
        assert url, "no URL printed:\n" + "".join(seen[-20:])
        assert not any("Running as root is not recommended" in line for line in seen)
        token = url.split("token=")[1]
        listing = ""
        for _ in range(60):  # the URL is printed a moment before the server listens
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/contents?token={token}", timeout=30
                ) as reply:
                    listing = reply.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.5)
        assert "03_proces.ipynb" in listing  # the server shows the notebooks folder
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
