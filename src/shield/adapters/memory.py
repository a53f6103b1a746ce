"""The C allocator told to keep the memory a query frees, for the next query.

A photo query allocates large blocks and frees them within milliseconds: OpenCV's SIFT builds
a Gaussian pyramid over the image doubled in size (about 60 MB of float images for a
640-pixel query), the word assignment and the search take buffers of a few to tens of MB.
glibc's allocator hands every block over its mmap threshold back to the kernel when it is
freed, and trims the top of its heap once more than its trim threshold lies free there; either
way the next query gets the memory back from the kernel a page at a time, and the kernel zeroes
each page as it is first touched. On the main thread (``shield match``, a script) that was 40
of a query's SIFT's 150 CPU-ms, all of it system time (threads' arenas return less).

``keep_freed_memory`` raises both thresholds, once per process: blocks up to ``MMAP_THRESHOLD``
come from the heap, and up to ``TRIM_THRESHOLD`` of free memory stays at its top to be used
again. The price is that a process keeps up to that much memory it is not using. Anywhere but
glibc (musl, macOS, Windows) it does nothing.
"""

from __future__ import annotations

import ctypes
import platform
from functools import cache

MMAP_THRESHOLD = 32 << 20  # glibc's own ceiling for the threshold it moves by itself
TRIM_THRESHOLD = 256 << 20
_M_TRIM_THRESHOLD = -1  # mallopt's parameter numbers, from glibc's malloc.h
_M_MMAP_THRESHOLD = -3


@cache
def keep_freed_memory() -> bool:
    """Raise glibc's mmap and trim thresholds; True when the allocator took both."""
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    mmap = mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    trim = mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    return bool(mmap and trim)
