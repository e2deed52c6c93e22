"""Liner Notes: a self-hosted blog engine for people who write about music."""

__version__ = "0.1.0"
