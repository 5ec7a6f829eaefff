#!/usr/bin/env python3
"""Verifies the chain heads of utskrivning snapshots independently of the engine, exactly as
docs/snapshots.md tells a vendor to: Python's hashlib and hmac over the canonical bytes of each
journal event and access-log entry.

    python3 tools/verify_chain.py DIR KEY

checks DIR/*.json (SHA-256) and DIR/*.keyed.json (HMAC-SHA-256 under KEY), and ends with
``N heads verified, M wrong``.
"""

import hashlib
import hmac
import json
import pathlib
import sys


def canonical(entry):
    return json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def head(entries, key=None):
    link = bytes(32)
    for entry in entries:
        data = link + canonical(entry)
        link = hmac.new(key, data, hashlib.sha256).digest() if key is not None else hashlib.sha256(data).digest()
    return link.hex()


def main():
    directory, key = pathlib.Path(sys.argv[1]), sys.argv[2].encode("utf-8")
    verified = wrong = 0
    for path in sorted(directory.glob("*.json")):
        snapshot = json.loads(path.read_text(encoding="utf-8"))
        k = key if path.name.endswith(".keyed.json") else None
        for part in ("journal", "access_log"):
            if head(snapshot[part], k) == snapshot["chain"][part]:
                verified += 1
            else:
                wrong += 1
                print(f"WRONG {path.name} {part}")
    print(f"{verified} heads verified, {wrong} wrong")
    return 0 if wrong == 0 and verified > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
