"""Likes on posts and comments: one per account or browser, counted with the data."""
