#!/usr/bin/env python3
"""compare-builds.py - herald commands of two (or more) build folders
against each other and cmark, in one run, in CPU time.

usage: compare-builds.py ROUNDS INPUT LABEL=BUILD... -- ARGS[, ARGS...]
       compare-builds.py --once COMMAND...

Each round runs every ARGS (herald options, the input appended) with
each LABEL's program (BUILD/.libs/herald, its libraries and
BUILD/../data/lang), one after the other, then cmark on the same input
when it is installed; it prints, per label and command, the median CPU
seconds (user + sys from wait4), MB/s of the input and the largest peak
RSS.  Output goes to /dev/null.  With --once it runs COMMAND once, its
standard input, output and error /dev/null, and prints its CPU seconds
and peak RSS in KiB (bench/pipeline-bench.sh times each run so).  A
benchmark: it asserts nothing.

    bench/compare-builds.py 7 corpus.txt main=/tmp/main/_build \\
        new=_build -- -t text, -t json, -s -t html
"""
import os
import shutil
import statistics
import sys


def run(argv, env, search=False):
    """CPU seconds and peak RSS (KiB) of argv, run once."""
    pid = os.fork()
    if pid == 0:
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            if search:
                os.execvpe(argv[0], argv, env)
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    _, _, ru = os.wait4(pid, 0)
    return ru.ru_utime + ru.ru_stime, ru.ru_maxrss


def main():
    args = sys.argv[1:]
    if args[:1] == ['--once'] and len(args) > 1:
        cpu, rss = run(args[1:], os.environ, search=True)
        print(cpu, rss)
        return
    if len(args) < 4 or '--' not in args:
        sys.exit(__doc__)
    rounds, inp = int(args[0]), args[1]
    sep = args.index('--')
    builds = [b.split('=', 1) for b in args[2:sep]]
    commands = [c.split() for c in ' '.join(args[sep + 1:]).split(',')]
    cmark = shutil.which('cmark')
    results = {}
    for _ in range(rounds):
        for cmd in commands:
            for label, build in builds:
                env = dict(os.environ,
                           LD_LIBRARY_PATH=os.path.join(build, '.libs'),
                           HERALD_LANG_PATH=os.path.join(build, '..', 'data', 'lang'))
                argv = [os.path.join(build, '.libs', 'herald')] + cmd + [inp]
                results.setdefault((label, ' '.join(cmd)), []).append(run(argv, env))
            if cmark:
                results.setdefault(('cmark', ''), []).append(run([cmark, inp], os.environ))
    size = os.path.getsize(inp)
    for (label, cmd), runs in results.items():
        cpu = statistics.median(r[0] for r in runs)
        rss = max(r[1] for r in runs) / 1024
        print(f"{label:8} {cmd:24} {cpu:7.3f} s {size / cpu / 1e6:7.1f} MB/s {rss:7.1f} MiB")


main()
