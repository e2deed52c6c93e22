"""WordPress (WXR) import: a streaming, safe reader and the first-pass check.

The import itself, writing through the other apps' services, builds on these.
"""
