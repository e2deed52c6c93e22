"""The blog: posts, series, categories, tags, static pages, attachments, feeds, search.

Owns Post, Series, Category, Tag, Page, Attachment, PostImage and SlugRedirect.
Imports core and users (and, from the music catalogue issue on, catalogue).
"""
