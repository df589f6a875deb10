"""Users (log in by e-mail), their staff roles and their memberships in organisations."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserQuerySet(models.QuerySet["User"]):
    def with_access(self) -> UserQuerySet:
        """Users with their roles and memberships prefetched, for lists."""
        return self.prefetch_related("role_grants", "memberships__organisation")


class UserManager(BaseUserManager["User"]):
    """Creates users keyed by e-mail."""

    def get_queryset(self) -> UserQuerySet:
        return UserQuerySet(self.model, using=self._db)

    def with_access(self) -> UserQuerySet:
        return self.get_queryset().with_access()

    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in, identified by e-mail address."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-postadress"), unique=True)
    full_name = models.CharField(_("namn"), max_length=200, blank=True)
    # The language of the site's e-mail to this person: the one they last chose on the site.
    language = models.CharField(_("språk"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_staff = models.BooleanField(_("driftadministratör"), default=False)
    date_joined = models.DateTimeField(_("skapad"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class StaffRole(models.TextChoices):
    """Roles that reach across organisations; all of them require MFA."""

    COORDINATOR = "coordinator", _("Samordnare i kansliet")
    GRANT_OFFICER = "grant_officer", _("Bidragshandläggare")
    SETTLEMENT_OFFICER = "settlement_officer", _("Bosättningshandläggare")
    ANALYST = "analyst", _("Analytiker")


class RoleGrant(models.Model):
    """A staff role held by a user."""

    user = models.ForeignKey(User, verbose_name=_("användare"), on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("roll"), max_length=32, choices=StaffRole.choices)
    granted_at = models.DateTimeField(_("tilldelad"), auto_now_add=True)

    class Meta:
        verbose_name = _("personalroll")
        verbose_name_plural = _("personalroller")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="rolegrant_unique_user_role"),
            models.CheckConstraint(condition=models.Q(role__in=StaffRole.values), name="rolegrant_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class MembershipRole(models.TextChoices):
    """What a user may do for an organisation."""

    EDITOR = "editor", _("Redaktör")
    MEMBER = "member", _("Medlem")
    SETTLEMENT = "settlement", _("Bosättningsansvarig")


class Membership(models.Model):
    """A user's membership of an organisation, with a role."""

    user = models.ForeignKey(User, verbose_name=_("användare"), on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("roll"), max_length=16, choices=MembershipRole.choices, default=MembershipRole.EDITOR)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique_user_org"),
            models.CheckConstraint(condition=models.Q(role__in=MembershipRole.values), name="membership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"
