"""The pre-annotation assistant: suggestions of spans (places, speakers, claims) for a person to
accept or reject; nothing here writes to a store."""
