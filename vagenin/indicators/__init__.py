"""Official statistics and the integration report (issue 18): importers, suppression and generated text."""
