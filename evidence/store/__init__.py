"""The library on disk (SQLite by default, PostgreSQL for a team): rows for cards, briefs,
sources and speech docs, every write behind one atomic version check (:mod:`.versioning`).

It keeps domain data and knows nothing of readers, writers or the web (see
docs/architecture.md); those call into it.
"""
