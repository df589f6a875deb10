from django.urls import path

from vagenin.accounts import views

app_name = "accounts"
urlpatterns = [
    path("anvandare/", views.user_list, name="users"),
    path("anvandare/ny/", views.user_invite, name="user_invite"),
    path("anvandare/<uuid:user_id>/", views.user_edit, name="user_edit"),
    path("anvandare/<uuid:user_id>/skicka-lank/", views.user_resend, name="user_resend"),
]
