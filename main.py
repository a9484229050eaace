"""Hamish: `python main.py` opens the window; `python main.py COMMAND` runs a terminal command."""

from __future__ import annotations

import os
import sys

from ui.cli import program as cli


def main(argv: list[str] | None = None) -> int:
    """Open the window, or run the terminal command named in `argv`."""
    args = cli.parse(sys.argv[1:] if argv is None else argv)
    if args.command is None:
        # Imported here so that terminal commands never load Qt.
        from ui.app import run_window

        return run_window(args.db)
    try:
        return cli.run(args)
    except BrokenPipeError:
        # `python main.py documents | head`: the reader left; that is not an error. Point
        # stdout at devnull so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
