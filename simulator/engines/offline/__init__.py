"""The offline engine: deterministic templates, no network, no key."""

from simulator.engines.offline.candidate import SimulatedCandidate
from simulator.engines.offline.phraser import OfflineEngine

__all__ = ["OfflineEngine", "SimulatedCandidate"]
