"""Reviewing: the compare window, the agreement dashboard and adjudication."""
