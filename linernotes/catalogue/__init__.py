"""The music catalogue: artists and their aliases, releases, tracks and credits.

Owns Artist, ArtistAlias, Release, Track and Credit, the track-listing parser and
name matching. Imports core only: it never knows about posts, so pages that join
music with reviews live in posts.
"""
