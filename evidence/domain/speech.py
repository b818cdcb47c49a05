"""The speech clock: a speech doc's read time against the length of the speech it is for.

Debaters time speeches to the second, so the page, the API and the "sent to speech" notice must
agree on one clock; this is it.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Speech lengths debaters pick from (DESIGN §2): constructives 8 or 9 minutes, rebuttals 5 or 6.
SPEECH_LENGTHS: tuple[tuple[int, str], ...] = (
    (8, "Constructive, 8 minutes"),
    (9, "Constructive, 9 minutes"),
    (5, "Rebuttal, 5 minutes"),
    (6, "Rebuttal, 6 minutes"),
)
#: The shortest constructive: any shorter speech is a rebuttal.
_CONSTRUCTIVE_MINUTES = min(m for m, name in SPEECH_LENGTHS if name.startswith("Constructive"))


@dataclass(frozen=True, slots=True)
class SpeechClock:
    """What a speech timer shows: read time, the speech's length, and how far over or under."""

    read_seconds: float
    limit_seconds: int
    minutes: int

    @property
    def over_seconds(self) -> float:
        return max(0.0, self.read_seconds - self.limit_seconds)

    @property
    def left_seconds(self) -> float:
        return max(0.0, self.limit_seconds - self.read_seconds)

    @property
    def percent(self) -> int:
        """How full the speech is, for a meter (capped at 100)."""
        return min(100, round(100 * self.read_seconds / self.limit_seconds)) if self.limit_seconds else 0

    @property
    def kind(self) -> str:
        return "constructive" if self.minutes >= _CONSTRUCTIVE_MINUTES else "rebuttal"


def speech_clock(read_seconds: float, minutes: int) -> SpeechClock:
    return SpeechClock(read_seconds=read_seconds, limit_seconds=minutes * 60, minutes=minutes)
