"""Vägen in: a platform for regional integration partnerships."""

from vagenin.celery import app as celery_app

__all__ = ["celery_app"]
