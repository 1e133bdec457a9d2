"""What the Python end-to-end tests (Tests/Web, Tests/Prometheus, Tests/OTLP) share: running a
program, a free port, waiting for a condition, and running a list of tests with their logs."""
import os, shutil, socket, subprocess, sys, time, traceback

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
ACLOG = os.environ.get("ACLOG_BIN", os.path.join(ROOT, ".build", "debug", "aclog"))


def sh(*args, check=True, **kw):
    return subprocess.run(list(args), check=check, capture_output=True, text=True, **kw)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, timeout, what):
    """The condition's first true value, polled every 0.25 s; an AssertionError after `timeout` s."""
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        last = condition()
        if last:
            return last
        time.sleep(0.25)
    raise AssertionError(f"timed out after {timeout} s waiting for {what} (last: {last!r})")


def run_tests(tests, work, logs):
    """Runs (name, function) pairs; on a failure prints the end of each log of `work` named in
    `logs` and exits 1, keeping `work`; else removes it."""
    failed = 0
    for name, test in tests:
        started = time.time()
        try:
            test()
            print(f"ok   {name} ({time.time() - started:.1f} s)")
        except Exception:
            failed += 1
            print(f"FAIL {name}")
            traceback.print_exc()
            for log in logs:
                path = os.path.join(work, log)
                if os.path.exists(path):
                    print(f"--- {log}\n{open(path).read()[-4000:]}")
    if failed:
        print(f"{failed} of {len(tests)} failed; files in {work}")
        sys.exit(1)
    shutil.rmtree(work, ignore_errors=True)
