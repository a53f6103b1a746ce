"""The allocator keeps what a query frees: the next query's large blocks come back without the
kernel handing out (and zeroing) fresh pages. Counted in page faults, not timed."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

from shield.adapters import memory

# A query's pattern: large blocks (SIFT's pyramid levels are about 6 MB each) written, then
# freed; the page faults of three more queries after the first are printed.
QUERIES = """
import resource, sys
import numpy as np
if sys.argv[1] == "keep":
    from shield.adapters.memory import keep_freed_memory
    assert keep_freed_memory()
def query():
    blocks = [np.ones(6 << 20, np.uint8) for _ in range(10)]
    del blocks
query()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(3):
    query()
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def faults(mode: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", QUERIES, mode], capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip())


@pytest.mark.skipif(
    platform.system() != "Linux" or platform.libc_ver()[0] != "glibc",
    reason="the allocator is not glibc's",
)
def test_freed_blocks_are_used_again_without_new_pages() -> None:
    plain, kept = faults("plain"), faults("keep")
    assert plain > 1000  # glibc's defaults: each query's blocks come back from the kernel
    assert kept < plain / 100


def test_does_nothing_where_the_allocator_is_not_glibc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory.platform, "libc_ver", lambda: ("", ""))
    assert memory.keep_freed_memory.__wrapped__() is False


def test_the_features_stage_sets_it_when_it_loads() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import shield.adapters.features.keypoints\n"
            "from shield.adapters.memory import keep_freed_memory\n"
            "print(keep_freed_memory.cache_info().currsize)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "1"
