"""Views by sub-domain: ``setup`` (Green Room, resumes, sessions list) and ``arena`` (the live interview)."""
