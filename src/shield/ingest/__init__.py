"""Chat-export parsers: one module per format, each turning a file into core models."""
