"""The panels beside the article: documents, spans, entities."""
