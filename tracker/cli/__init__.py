"""The `tracker` command line: thin, rich output, `--json` on every read command."""
