"""The SQLite store: sessions, turns, drafts, scorecards (sqlite-utils, WAL, migrations)."""

from simulator.store.db import open_database
from simulator.store.sessions import SessionRow, SessionStore

__all__ = ["SessionRow", "SessionStore", "open_database"]
