"""Entry point: `python app.py` serves Cockpit on 127.0.0.1:8050."""

from cockpit.cli import main

if __name__ == "__main__":
    import sys

    sys.argv = [sys.argv[0], "serve", *sys.argv[1:]]
    main()
