"""No committed file carries an e-mail address outside the reserved example domains (RFC 2606:
example.org/.com/.net and the .example, .test, .invalid and .localhost top-level domains): test
data and documentation use those, so a real address can never travel with the project."""

from __future__ import annotations

import subprocess

import pytest

from werkdruk_utils import paths
from werkdruk_utils.inputs.personal import EMAIL_PATTERN

RESERVED = ("example.org", "example.com", "example.net")
RESERVED_TLDS = (".example", ".test", ".invalid", ".localhost")


def reserved(address: str) -> bool:
    """The domain is one of the three example domains itself (no host under it) or lies in a
    reserved top-level domain."""
    domain = address.rsplit("@", 1)[1].lower()
    return domain in RESERVED or domain.endswith(RESERVED_TLDS)


def test_reserved_domains():
    assert reserved("school@example.org") and reserved("a@b.example")
    at = "@"  # written apart, so that this file itself holds no such address
    assert not reserved(f"a{at}b.nl") and not reserved(f"a{at}example.org.nl")
    assert not reserved(f"x{at}mail.example.com")  # a host under an example domain is not one


def test_committed_files_hold_no_real_e_mail_address():
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=paths.ROOT, capture_output=True, check=False
    )
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    found = []
    for name in listed.stdout.decode().split("\0"):
        path = paths.ROOT / name
        if not name or not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", errors="ignore")
        addresses = (m.group(0) for m in EMAIL_PATTERN.finditer(text))
        found += [f"{name}: {a}" for a in addresses if not reserved(a)]
    assert not found, found
