"""`python -m cockpit` runs the CLI."""

from cockpit.cli import main

main()
