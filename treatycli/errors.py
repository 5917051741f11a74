"""The exceptions the core raises. Messages are written for the user and name the way out."""


class TreatyError(Exception):
    """Anything the user can fix; the CLI prints the message on one line and exits 2."""


class DocumentError(TreatyError):
    """The file could not be read or decoded."""


class ReferenceSyntaxError(TreatyError):
    """A reference that the grammar cannot read."""


class ReferenceNotFound(TreatyError):
    """A well-formed reference to something the document does not have."""


class PatternError(TreatyError):
    """A search pattern that cannot be compiled."""


class OutputError(TreatyError):
    """The output cannot be written: standard output closed, a full disk."""


class LibraryError(TreatyError):
    """The library cannot be opened, or has no such document."""


class NameTaken(LibraryError):
    """Another file's document holds the name, found as the document was about to be stored
    (another run may have taken it since the name was chosen)."""

    def __init__(self, name: str, owner: str):
        super().__init__(f"the name {name!r} is taken by {owner}: choose another with --name")
        self.name, self.owner = name, owner
