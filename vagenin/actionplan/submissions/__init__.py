"""Project submissions: the public "submit your project" form, the submitter's private edit link and the
secretariat's moderation. Writes in services.py, access checks in permissions.py."""
