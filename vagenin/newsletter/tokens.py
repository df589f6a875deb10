"""Signed links for subscribers: a confirmation that expires, and a lasting one for preferences and unsubscribing."""

from __future__ import annotations

import datetime

from django.core import signing

from vagenin.newsletter.models import Subscriber, SubscriberStatus

CONFIRM_SALT = "vagenin.newsletter.confirm"
MANAGE_SALT = "vagenin.newsletter.manage"
CONFIRM_MAX_AGE = datetime.timedelta(days=7)


def confirm_key(subscriber: Subscriber) -> str:
    return signing.dumps(str(subscriber.uuid), salt=CONFIRM_SALT)


def manage_key(subscriber: Subscriber) -> str:
    return signing.dumps(str(subscriber.uuid), salt=MANAGE_SALT)


def subscriber_from_confirm_key(key: str) -> Subscriber | None:
    """The pending or active subscriber a confirmation key names, or None when it is forged or expired."""
    try:
        value = signing.loads(key, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return None
    return Subscriber.objects.filter(uuid=value).first()


def subscriber_from_manage_key(key: str) -> Subscriber | None:
    """The active subscriber a preferences or unsubscribe key names, or None."""
    try:
        value = signing.loads(key, salt=MANAGE_SALT)
    except signing.BadSignature:
        return None
    return Subscriber.objects.filter(uuid=value, status=SubscriberStatus.ACTIVE).first()
