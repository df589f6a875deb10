"""Date and number formats per language (settings.FORMAT_MODULE_PATH), replacing Django's defaults.

English is British: "1 August 2017", 24-hour times, "1,234.5"; never the US "Aug. 1, 2017" or
"12/31/2025". Swedish keeps Django's dates ("1 augusti 2017", short "2017-08-01") and groups
thousands with a no-break space ("2 300 000"). The first input format of each is ISO, as the
browser's date fields send and show it.
"""
