#!/usr/bin/env python3
"""Runs a command while holding JMH's machine-wide lock, waiting for the lock first.

Usage: jmh_lock.py COMMAND [ARG ...]

JMH allows one run at a time per machine: each run takes a lock on <tmpdir>/jmh.lock and exits at
once when another run holds it. run.sh and results.sh start JMH several times in a row (repeated
runs, the 1- and 2-thread passes); they hold the lock across all of them with this script, so that
no other session's run slips in between, and start their own JMH with -Djmh.ignoreLock=true.

The lock is the same kind JMH takes (a POSIX record lock on the whole file), so this waits while
another JMH runs, and another JMH started meanwhile exits or waits as it normally would. The
command's exit status is returned.
"""
import fcntl
import os
import subprocess
import sys
import tempfile
import time

LOCK = os.path.join(tempfile.gettempdir(), "jmh.lock")


def main(command):
    fd = os.open(LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        print(f"waiting for another JMH run to release {LOCK} ...", file=sys.stderr, flush=True)
        started = time.monotonic()
        fcntl.lockf(fd, fcntl.LOCK_EX)
        print(f"got {LOCK} after {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    # Held until this process exits, which is after the command has finished.
    return subprocess.call(command)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
