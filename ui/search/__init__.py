"""Search over the corpus: the panel, its results and the worker that runs queries."""
