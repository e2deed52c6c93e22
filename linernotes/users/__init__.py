"""People: the custom User, writers' roles and (later) reader profiles.

Owns User. Imports core only.
"""
