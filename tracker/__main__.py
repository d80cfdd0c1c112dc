"""`python -m tracker ...`: the command line without the terminal UI."""

from tracker.cli.main import main

raise SystemExit(main())
