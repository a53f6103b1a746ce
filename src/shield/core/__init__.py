"""The domain: pure Python models and rules, no I/O and no frameworks."""
