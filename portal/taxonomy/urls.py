from django.urls import path

from . import views

app_name = "taxonomy"
urlpatterns = [
    path("related/<id:page_id>/", views.related_view_all, name="related"),
    path("topics/", views.topic_index, name="topic_index"),
    path("topics/<str:slug>/", views.topic_detail, name="topic"),
]
