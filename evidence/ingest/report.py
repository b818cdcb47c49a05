"""What an import did, in words a debater can act on."""

from __future__ import annotations

from dataclasses import dataclass, field


class IngestError(ValueError):
    """The whole input was refused (corrupt, wrong type, too large); the message says why."""


@dataclass(slots=True)
class ImportReport:
    """Notes collected while reading one file: what was skipped, guessed or repaired, and why.

    Nothing is dropped silently: a reader that leaves something out adds a note here, and the CLI,
    the API and the upload page all show these notes.
    """

    source: str = ""
    notes: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def note(self, message: str) -> None:
        self.notes.append(message)

    def skip(self, message: str) -> None:
        self.skipped.append(message)

    def to_json(self) -> dict[str, object]:
        return {"source": self.source, "notes": list(self.notes), "skipped": list(self.skipped)}
