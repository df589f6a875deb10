"""Project tooling run from the repository root: `python -m scripts.<name>`."""
