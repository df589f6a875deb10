from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "vagenin.api"
    verbose_name = "API"
