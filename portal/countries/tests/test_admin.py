"""Editing profiles (with the citation feature) and country data in the admin."""

import pytest
from django.contrib.auth.models import Group, User

from portal.core.permissions import EDITORS, MODERATORS
from portal.countries.models import Country, CountryIndexPage, Figure, Flow
from portal.testing.security import login_staff

pytestmark = pytest.mark.django_db


def login(client, group: str) -> User:
    user = User.objects.create_user(group.lower(), password="pass-1-pass")
    user.groups.add(Group.objects.get(name=group))
    login_staff(client, user)
    return user


def test_profile_editor_offers_citations_and_shows_the_import_report(client, lao_profile):
    login(client, EDITORS)
    lao_profile.legacy_import_report = "Imported from test.txt.\n1 point(s) to resolve"
    lao_profile.save_revision()
    response = client.get(f"/admin/pages/{lao_profile.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "sources/js/citation-feature.js" in html
    assert "/admin/sources/cite/" in html
    assert "1 point(s) to resolve" in html
    index = CountryIndexPage.objects.get()
    add = client.get(f"/admin/pages/add/countries/countryprofilepage/{index.pk}/")
    assert add.status_code == 200


def test_country_data_admin(client, lao_site):
    login(client, EDITORS)
    laos = Country.objects.get(iso2="LA")
    assert client.get("/admin/countries/").status_code == 200
    assert client.get(f"/admin/countries/edit/{laos.pk}/").status_code == 200
    assert client.get("/admin/figures/").status_code == 200
    assert client.get("/admin/flows/").status_code == 200
    assert client.get("/admin/flows/new/").status_code == 200
    assert client.get(f"/admin/flows/edit/{Flow.objects.first().pk}/").status_code == 200
    # Countries come from ISO 3166: nobody adds or deletes them in the admin.
    assert client.get("/admin/countries/new/").status_code in (302, 403)
    assert client.get(f"/admin/countries/delete/{laos.pk}/").status_code in (302, 403)


def test_an_editor_adds_a_figure_and_is_told_what_is_wrong(client, lao_site):
    login(client, EDITORS)
    thailand = Country.objects.get(iso2="TH")
    source = Figure.objects.first().source
    form = {
        "country": thailand.pk,
        "indicator": "prosecutions",
        "year": "2006",
        "value": "",
        "qualifier": "",
        "tier": "",
        "assisting_body": "",
        "other_country": "",
        "source": source.pk,
        "locator": "",
        "note": "",
    }
    response = client.post("/admin/figures/new/", form)
    assert response.status_code == 200
    assert "not reported is left out, not zero" in response.content.decode()
    assert not Figure.objects.filter(country=thailand).exists()
    response = client.post("/admin/figures/new/", {**form, "value": "9"})
    assert response.status_code == 302
    assert Figure.objects.get(country=thailand).value == 9


def test_only_moderators_delete_figures(client, lao_site):
    figure = Figure.objects.first()
    login(client, EDITORS)
    assert client.get(f"/admin/figures/delete/{figure.pk}/").status_code in (302, 403)
    client.logout()
    login(client, MODERATORS)
    assert client.get(f"/admin/figures/delete/{figure.pk}/").status_code == 200
