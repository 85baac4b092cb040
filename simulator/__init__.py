"""Running an interview: CLI, TUI, the LangGraph agent, engines, storage."""
