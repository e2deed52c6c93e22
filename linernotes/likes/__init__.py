"""Likes on posts and comments: one per account or browser, counted with the data.

Owns Like, the services that set and count likes, the like endpoints, the likes
section under each post and the comment like button. Keeps ``Post.like_count``
and ``Comment.like_count``. Imports core, users, posts and comments only.
"""
