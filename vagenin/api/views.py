"""The read-only open-data API. (Placeholder; the API app is being built.)"""

from django.http import HttpRequest, JsonResponse


def docs(request: HttpRequest) -> JsonResponse:
    return JsonResponse({})
