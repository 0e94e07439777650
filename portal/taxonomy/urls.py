from django.urls import path

from . import views

app_name = "taxonomy"
urlpatterns = [
    path("related/<id:page_id>/", views.related_view_all, name="related"),
    path("countries/<str:code>/everything/", views.country_all, name="country_all"),
    path("regions/<slug:region>/", views.region_all, name="region"),
    path("topics/", views.topic_index, name="topic_index"),
    path("topics/<str:slug>/", views.topic_detail, name="topic"),
]
