"""Test doubles. `anthropic_api` is a loopback fake of the Anthropic Messages API."""
