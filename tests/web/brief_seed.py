"""Moved to :mod:`tests.fixtures.briefs`; kept until the browser and brief page tests import from there."""

from tests.fixtures.briefs import FIRST_TAG, HIGHLIGHTED, seed_brief_json
from tests.fixtures.shared import seed_brief_file

SEED_FILE = seed_brief_file()

__all__ = ["FIRST_TAG", "HIGHLIGHTED", "SEED_FILE", "seed_brief_json"]
