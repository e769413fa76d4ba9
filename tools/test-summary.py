#!/usr/bin/env python3
"""Print one closing line for `make test`: 'N passed, N failed' over the
Meson test logs given: a build directory (its meson-logs/testlog.json) or
a log file itself (the PostgreSQL run writes testlog-pg.json).
Every cmocka, pytest and node --test case counts as one test where the log
names them; otherwise a Meson test counts as one."""
import json
import pathlib
import re
import sys

passed = failed = 0
for arg in sys.argv[1:]:
    log = pathlib.Path(arg)
    if log.is_dir():
        log = log / "meson-logs" / "testlog.json"
    if not log.exists():
        print(f"fout: geen testresultaten in {log}")
        failed += 1
        continue
    for line in log.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        out = entry.get("stdout") or ""
        ok = entry.get("result") in ("OK", "EXPECTEDFAIL", "SKIP")
        # cmocka: "[  PASSED  ] 4 test(s)."; pytest: "12 passed in 0.3s"
        m = re.search(r"\[  PASSED  \] (\d+) test", out)
        n_pass = int(m.group(1)) if m else 0
        m = re.search(r"\[  FAILED  \] (\d+) test", out)
        n_fail = int(m.group(1)) if m else 0
        # node --test (TAP): "# pass 5" and "# fail 0" close the output
        m = re.search(r"^# pass (\d+)$", out, re.M) if not n_pass else None
        if m:
            n_pass = int(m.group(1))
        m = re.search(r"^# fail (\d+)$", out, re.M) if not n_fail else None
        if m:
            n_fail = int(m.group(1))
        m = re.search(r"(\d+) passed", out) if not n_pass else None
        if m:
            n_pass = int(m.group(1))
        m = re.search(r"(\d+) failed", out) if not n_fail else None
        if m:
            n_fail = int(m.group(1))
        if n_pass == 0 and n_fail == 0:
            n_pass, n_fail = (1, 0) if ok else (0, 1)
        elif not ok and n_fail == 0:
            n_fail = 1
        passed += n_pass
        failed += n_fail
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or passed == 0 else 0)
