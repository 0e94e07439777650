from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("", views.data_index, name="index"),
    path("<str:filename>", views.download, name="download"),
]
