"""Celery application: eager in-process by default, Redis-backed when CELERY_BROKER_URL is set."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vagenin.settings")

app = Celery("vagenin")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
