"""Readers' own data: the privacy page, export and erasure, and retention.

Owns no models. Each app that stores something about a reader has a
``personal_data`` module (listed in ``sources.py``) that exports and erases it;
this app proves who is asking (an account, or an email address through a signed
link), joins the answers and expires IP addresses and user agents. Imports core,
users, posts, comments, likes and notifications only.
"""
