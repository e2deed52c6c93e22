"""Settings modules: ``base`` holds everything; ``dev`` and ``test`` adjust it."""
