#!/usr/bin/env python3
"""Chromium's cost to show bench/chromium/home.html: wall time of a headless screenshot and
the peak total PSS of its process tree, median of several runs each.

    python3 bench/chromium/measure.py [--runs N] [--chromium PATH] HTML OUT.png

Wall-time runs and memory runs are separate: sampling /proc every few milliseconds costs
CPU on a 2-core machine, which would slow the very process being timed. Memory: every
process of the tree (the browser and every child it forks, found through /proc/*/stat
parent ids) is read from /proc/PID/smaps_rollup every 5 ms; the peak of the sum of their
Pss is the run's figure (PSS divides shared pages among the processes sharing them, so the
sum is the tree's real footprint). Prints "result KEY VALUE" lines as the other benches.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1920,1080"]


def command(chromium, profile, html, out):
    return [chromium, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={out}", f"file://{os.path.abspath(html)}"]


def children_of():
    parents = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces, so split after the last ')'.
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        parents.setdefault(ppid, []).append(int(entry))
    return parents


def tree(root):
    parents = children_of()
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo.extend(parents.get(pid, []))
    return pids


def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(chromium, html, out, sample):
    profile = tempfile.mkdtemp(prefix="redgrid-chromium.")
    try:
        start = time.monotonic()
        proc = subprocess.Popen(command(chromium, profile, html, out), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        peak_kib, peak_procs = 0, 0
        while proc.poll() is None:
            if sample:
                pids = tree(proc.pid)
                peak_kib = max(peak_kib, sum(pss_kib(p) for p in pids))
                peak_procs = max(peak_procs, len(pids))
                time.sleep(0.005)
            else:
                time.sleep(0.001)
        wall = time.monotonic() - start
        if proc.returncode != 0 or not os.path.exists(out):
            sys.exit(f"chromium failed (exit {proc.returncode}) on {html}")
        return wall, peak_kib, peak_procs
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument("html")
    parser.add_argument("out")
    a = parser.parse_args()
    run(a.chromium, a.html, a.out, False)  # warm the page cache: the kiosk's runs are warm too
    walls = [run(a.chromium, a.html, a.out, False)[0] for _ in range(a.runs)]
    mems = [run(a.chromium, a.html, a.out, True) for _ in range(a.runs)]
    print(f"result chromium.wall_s {statistics.median(walls):.4f}")
    print(f"result chromium.wall_min_s {min(walls):.4f}")
    print(f"result chromium.pss_peak_kib {statistics.median(m[1] for m in mems):.0f}")
    print(f"result chromium.processes {max(m[2] for m in mems)}")


if __name__ == "__main__":
    main()
