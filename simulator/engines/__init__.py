"""Engines turn the policy's Moves into words: offline templates or Claude."""
