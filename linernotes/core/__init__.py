"""Domain-free foundations: safe Markdown, the page cache, site settings, base models.

Owns SiteSettings and PageCacheStamp. Imports nothing from the other apps; they
all import core.
"""
