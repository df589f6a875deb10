"""Page-number pagination with a client-chosen page size up to a cap, and RFC 8288 Link headers."""

from __future__ import annotations

from typing import Any

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        # CSV has no room for `next`/`previous`, so the links also travel in the header.
        links = [(self.get_next_link(), "next"), (self.get_previous_link(), "prev")]
        header = ", ".join(f'<{url}>; rel="{rel}"' for url, rel in links if url)
        if header:
            response["Link"] = header
        return response
