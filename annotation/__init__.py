"""The Hamish domain: documents, spans, links and entities, Arabic text handling and the use cases.

Pure Python: nothing here imports Qt or SQLite (tests/test_architecture.py checks it).
"""
