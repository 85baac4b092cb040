"""The interview agent: analysis of answers, the pure policy, and the LangGraph graph."""
