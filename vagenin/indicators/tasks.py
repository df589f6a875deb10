"""Background work: confirmed imports and report generation (in-process unless a worker is configured)."""

from __future__ import annotations

from celery import shared_task

from vagenin.accounts.models import User
from vagenin.indicators import reporting, services
from vagenin.indicators.models import ImportBatch, Publication


@shared_task
def run_import(batch_id: int, actor_id: int | None) -> int:
    """Import a previewed file; a batch already run is left alone (safe to retry)."""
    batch = ImportBatch.objects.get(pk=batch_id)
    if batch.state != ImportBatch.State.PREVIEWED:
        return batch.accepted
    actor = User.objects.filter(pk=actor_id).first() if actor_id is not None else None
    try:
        return services.confirm_import(actor=actor, batch=batch).accepted
    except services.TransitionError:
        return 0


@shared_task
def build_publication(publication_id: int) -> str:
    """Build a version's editions, web and PDF."""
    publication = Publication.objects.select_related("report").get(pk=publication_id)
    if publication.state != Publication.State.GENERATING:
        return publication.state
    return reporting.build_editions(publication, pdf=reporting.PDF_ENABLED).state


@shared_task
def fetch_sources() -> dict[str, str]:
    """Refresh every definition that has an API (PxWeb, Kolada); meant for Celery beat (see docs/indicators.md)."""
    from vagenin.indicators import fetching

    return fetching.refresh_all(transport=fetching.http_transport)
