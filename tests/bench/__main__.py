"""`make bench`: run every benchmark section in turn and print its figures.

A section is a module ``tests.bench.<name>`` with a ``main() -> None`` function.
"""

from __future__ import annotations

import importlib
import sys

SECTIONS = ["engine", "probes", "e2e", "outbox", "reminders", "passages"]


def main(argv: list[str]) -> int:
    """Run the sections named in ``argv`` (all by default)."""
    wanted = argv or SECTIONS
    for name in wanted:
        try:
            module = importlib.import_module(f"tests.bench.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"tests.bench.{name}":
                raise
            print(f"== {name}: ikke tilgjengelig ennå")
            continue
        print(f"== {name}")
        module.main()
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
