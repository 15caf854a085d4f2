#!/usr/bin/env python3
"""Entry point: `python build.py` (build), `python build.py check`, `python build.py serve`."""
import sys

from plansite.cli import main

if __name__ == "__main__":
    sys.exit(main())
