"""Loading the spaCy model and parsing documents in batches."""

from graphkit.nlp.model import load_model, model_identity
from graphkit.nlp.parse import ParsedParagraph, paragraphs, parse_documents, parse_lines

__all__ = ["ParsedParagraph", "load_model", "model_identity", "paragraphs", "parse_documents", "parse_lines"]
