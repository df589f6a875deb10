"""Import and export of initiatives as CSV or XLSX: the columns described once (columns.py), reading and
writing files (files.py), checking and applying an import (services.py), and the previewed upload waiting
in private storage until it is confirmed (pending.py)."""
