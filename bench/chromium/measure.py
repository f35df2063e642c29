#!/usr/bin/env python3
"""Chromium's cost to show bench/chromium/home.html: wall time and CPU time of a headless
screenshot and the peak total PSS of its process tree, median of several runs each; and
the same three figures, measured the same way in the same run, for a command given after
"--" (the kiosk's own screenshot), runs interleaved so the machine's load hits both alike.

    python3 bench/chromium/measure.py [--runs N] [--chromium PATH] HTML OUT.png [-- COMMAND...]

Wall-time runs and memory runs are separate: sampling /proc every few milliseconds costs
CPU on a 2-core machine, which would slow the very process being timed. Memory: every
process of the tree (the browser and every child it forks, found through /proc/*/stat
parent ids) is read from /proc/PID/smaps_rollup every 5 ms; the peak of the sum of their
Pss is the run's figure (PSS divides shared pages among the processes sharing them, so the
sum is the tree's real footprint). CPU time is user + system of the whole tree (every
process is reaped by its parent, so RUSAGE_CHILDREN gathers them): on a loaded 2-core
machine it moves far less than wall time. Prints "result KEY VALUE" lines as the other
benches.
"""
import argparse
import os
import resource
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


def chromium_command(chromium, html, out):
    def make(profile):
        return command(chromium, profile, html, out)
    return make


def run(make_command, out, sample):
    """One run: (wall s, CPU s, peak PSS KiB, peak process count)."""
    profile = tempfile.mkdtemp(prefix="redgrid-chromium.")
    try:
        if os.path.exists(out):
            os.remove(out)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.monotonic()
        proc = subprocess.Popen(make_command(profile), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if proc.returncode != 0 or not os.path.exists(out):
            sys.exit(f"{make_command(profile)[0]} failed (exit {proc.returncode})")
        return wall, cpu, peak_kib, peak_procs
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def report(name, timed, sampled):
    print(f"result {name}.wall_s {statistics.median(t[0] for t in timed):.4f}")
    print(f"result {name}.cpu_s {statistics.median(t[1] for t in timed):.4f}")
    print(f"result {name}.pss_peak_kib {statistics.median(m[2] for m in sampled):.0f}")
    print(f"result {name}.processes {max(m[3] for m in sampled)}")


def main():
    argv = sys.argv[1:]
    other = []
    if "--" in argv:
        other = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument("--other-out", help="the file the command after -- writes (checked after each run)")
    parser.add_argument("html")
    parser.add_argument("out")
    a = parser.parse_args(argv)
    browser = chromium_command(a.chromium, a.html, a.out)
    kiosk = (lambda profile: other) if other else None
    run(browser, a.out, False)  # warm the page cache: the kiosk's runs are warm too
    timed = {"chromium": [], "other": []}
    sampled = {"chromium": [], "other": []}
    for _ in range(a.runs):
        timed["chromium"].append(run(browser, a.out, False))
        if kiosk:
            timed["other"].append(run(kiosk, a.other_out, False))
    for _ in range(a.runs):
        sampled["chromium"].append(run(browser, a.out, True))
        if kiosk:
            sampled["other"].append(run(kiosk, a.other_out, True))
    report("chromium", timed["chromium"], sampled["chromium"])
    if kiosk:
        report("other", timed["other"], sampled["other"])


if __name__ == "__main__":
    main()
