"""Sample documents: render forms into the text layouts converters produce (for tests, benchmarks
and ``jixiao demo``)."""
