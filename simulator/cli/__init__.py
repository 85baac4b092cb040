"""The `mockloop` command line. Heavy libraries are imported inside commands, never at start."""
