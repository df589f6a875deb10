"""Public information pages. (Placeholders; the pages app is being built.)"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/home.html")


def contact(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/home.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/home.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/home.html")


def page_feedback(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/home.html")
