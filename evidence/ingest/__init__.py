"""Readers that turn what debaters already have into sources, cards and briefs.

Every reader returns domain objects plus an :class:`~evidence.ingest.report.ImportReport`, and
never touches the database: the caller stores the result in one transaction, so a file that
fails half-way leaves nothing behind.
"""
