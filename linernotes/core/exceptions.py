"""Domain exceptions. Services raise these; the edge turns them into messages."""


class LinerNotesError(Exception):
    """Base class for errors a user can be told about."""


class UploadRejected(LinerNotesError):
    """An uploaded file is too large or of a type the blog does not accept."""


class RateLimited(LinerNotesError):
    """Too many requests from one reader in too short a time."""


class ImportFileInvalid(LinerNotesError):
    """A file given to an importer is refused before anything is written."""
