from django.urls import path

from . import views

app_name = "sources"
urlpatterns = [
    path("", views.source_index, name="index"),
    path("<uuid:uuid>/", views.source_by_uuid, name="by_uuid"),
    path("<slug:slug>/", views.source_detail, name="detail"),
]
