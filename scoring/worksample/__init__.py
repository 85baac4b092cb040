"""Stage-1 work samples: a small dataset per task, a good and a broken prompt with their
recorded outputs, and the grading of a candidate's outputs on the dataset."""
