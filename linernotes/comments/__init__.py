"""Reader responses: threaded comments and their moderation.

Owns Comment. Imports core, users, posts and spam only.
"""
