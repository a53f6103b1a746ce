"""Adapters: the only home of storage, crypto and other heavy third-party imports."""
