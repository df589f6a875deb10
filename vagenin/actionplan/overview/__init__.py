"""Overviews of the action plan (counts, heat maps, progress per area, what ends soon and what lags) and the
action plan as a document (web page, PDF, XLSX). Pure computation in figures.py and document.py, the queries
that feed it in queries.py; read-only, so no services.py."""
