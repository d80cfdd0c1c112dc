"""`python -m tui [--store S]`: the terminal UI (same as `tracker` with no command)."""

import sys

from tui.entry import main

sys.exit(main())
