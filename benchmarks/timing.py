"""What every benchmark needs: the installed command, and one measured run of a command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple


class Run(NamedTuple):
    wall: float  # seconds
    cpu: float  # seconds of processor time, the process's own (user and system)
    peak: float  # MB, its maximum resident set size


def installed_timeline() -> str:
    """The path of the installed `timeline` command; exit saying how to install it if none."""
    timeline = shutil.which("timeline")
    if timeline is None:
        sys.exit("install the project first: pip install .")
    return timeline


def run(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
    """One run of command, which must succeed (else exit with what it wrote on stderr),
    its output thrown away."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors
        )
        _, status, usage = os.wait4(process.pid, 0)  # wait4: this child's own figures
        wall = time.perf_counter() - start
        if (code := os.waitstatus_to_exitcode(status)) != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(command)} exited with {code}: {errors.read().decode()}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)  # kB on Linux
