"""Run the command-line interface as `python -m timeline`."""

from timeline.cli import main

main()
