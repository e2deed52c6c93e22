"""The formats for English, the only language the blog is written in."""
