"""The practice app in a browser tab: `mockloop serve`, built on textual-serve."""
