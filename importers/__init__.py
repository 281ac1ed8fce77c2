"""One module a format, each behind the small interface in `importers.base`."""
