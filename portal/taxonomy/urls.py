from django.urls import path

from . import views

app_name = "taxonomy"
urlpatterns = [
    path("related/<int:page_id>/", views.related_view_all, name="related"),
]
