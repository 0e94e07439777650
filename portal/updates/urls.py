from django.urls import path

from . import feeds, views

app_name = "updates"
urlpatterns = [
    path("feeds/updates.rss", feeds.UpdatesRssFeed(), name="rss"),
    path("feeds/updates.atom", feeds.UpdatesAtomFeed(), name="atom"),
    path("feeds/countries/<str:code>/updates.rss", feeds.CountryRssFeed(), name="country_rss"),
    path("feeds/countries/<str:code>/updates.atom", feeds.CountryAtomFeed(), name="country_atom"),
    path("feeds/topics/<str:slug>/updates.rss", feeds.TopicRssFeed(), name="topic_rss"),
    path("feeds/topics/<str:slug>/updates.atom", feeds.TopicAtomFeed(), name="topic_atom"),
    path("feeds/events.ics", views.upcoming_events_ics, name="events_ics"),
    path("feeds/events/<id:page_id>.ics", views.event_ics, name="event_ics"),
]
