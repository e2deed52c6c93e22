"""Local spam filtering: text and metadata in, a verdict out. Nothing leaves the
server.

Owns no models yet. Imports core only. ``checks.check_comment`` is the one entry
point every new comment passes: it runs the checks named in
``LINERNOTES_SPAM_CHECKS`` (decision 0029).
"""
