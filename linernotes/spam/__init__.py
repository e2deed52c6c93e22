"""Local spam filtering: text and metadata in, a verdict out. Nothing leaves the
server.

Owns no models yet. Imports core only. The classifier itself comes with the spam
issue; ``checks.check_comment`` is the one entry point every new comment passes.
"""
