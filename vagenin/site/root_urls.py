"""The site's files at fixed addresses outside the language prefixes (robots.txt, sitemap, security.txt, icon)."""

from django.urls import path

from vagenin.site import public_files

urlpatterns = [
    path("robots.txt", public_files.robots_txt, name="robots_txt"),
    path("sitemap.xml", public_files.sitemap_xml, name="sitemap"),
    path(".well-known/security.txt", public_files.security_txt, name="security_txt"),
    path("favicon.ico", public_files.favicon_ico, name="favicon"),
]
