#!/usr/bin/env python3
"""Check that every C file under the given directories includes
"util/banned.h" as its last #include, so the banned libc calls
(sprintf, strcpy, localtime, ...) cannot creep back in."""
import pathlib
import sys

bad = []
for root in sys.argv[1:] or ["src"]:
    for path in sorted(pathlib.Path(root).rglob("*.c")):
        includes = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                    if line.lstrip().startswith("#include")]
        if not includes or includes[-1] != '#include "util/banned.h"':
            bad.append(str(path))
if bad:
    print("fout: deze bestanden hebben niet #include \"util/banned.h\" als laatste include:")
    for b in bad:
        print("  " + b)
    sys.exit(1)
