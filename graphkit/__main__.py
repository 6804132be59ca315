"""``python -m graphkit`` runs the command line."""

from graphkit.cli import main

main()
