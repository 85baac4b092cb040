"""The practice app (Textual): home, interview, scorecard, history and interviewer guide."""
