"""Writes, by sub-domain: ``sessions`` (lifecycle), ``resumes``, ``media`` (chunked recording uploads)."""
