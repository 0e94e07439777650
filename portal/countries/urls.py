from django.urls import path

from . import everything

app_name = "everything"  # "countries" is the admin viewset's namespace
urlpatterns = [
    path("countries/<str:code>/everything/", everything.country_all, name="country"),
    path("regions/<slug:region>/", everything.region_all, name="region"),
]
