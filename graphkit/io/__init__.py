"""Readers: files and folders in, :class:`~graphkit.types.Document` records out."""

from graphkit.io.readers import SUPPORTED_SUFFIXES, parse_text_document, read_documents

__all__ = ["SUPPORTED_SUFFIXES", "parse_text_document", "read_documents"]
