"""The media-storage policy pack (see `__main__.py`) and its offline check (`python -m policies.check`)."""
