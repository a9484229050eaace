"""Reliability: what Hamish must survive (a process killed mid-edit, hostile input)."""
