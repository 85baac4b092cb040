"""The stage-2 exercise, the process part: running a candidate's eval in a sandbox (`sandbox`,
with `child_guard` and `child_plugin` copied into the sandbox folder and run there) and
judging what each run did (`verdict`). The pure part is `scoring.evaldesign`."""
