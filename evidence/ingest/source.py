"""Moved to :mod:`evidence.domain.source` (a source is domain data the store keeps too); this
name stays only until the cutting pages being split out import the new one."""

from evidence.domain.source import Removal, SourceDoc, delete_spans, original_text, restore

__all__ = ["Removal", "SourceDoc", "delete_spans", "original_text", "restore"]
