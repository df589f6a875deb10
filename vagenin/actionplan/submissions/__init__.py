"""Project submissions: the public "submit your project" form, the submitter's private edit link and the
secretariat's moderation. Writes in services.py, access checks in permissions.py."""

# vagenin/site/views.py imports this from the package; it should import it from .services, then this line goes.
from vagenin.actionplan.submissions.services import pending_submission_count as pending_submission_count
