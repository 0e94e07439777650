"""Admin for sources: the bibliography (a snippet, with usage and history) and the chooser the
rich-text "citation" button opens (choose a source, then say where in it: page, quotation)."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.chooser import (
    ChooseResultsView,
    ChooseView,
    ChosenResponseMixin,
    ChosenView,
    CreateView,
)
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Source

# The URL namespace of the citation chooser (registered in wagtail_hooks).
CHOOSER_NAME = "source_citation_chooser"


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "openquote"
    menu_label = _("Sources")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "author", "year", "updated_at", "link_state_label"]
    list_filter = ["year"]
    search_fields = ["title", "author", "alternative_titles"]
    ordering = ["title"]
    inspect_view_enabled = True


class CitationForm(forms.Form):
    locator = forms.CharField(
        label=_("Where in the source (optional)"),
        required=False,
        max_length=200,
        help_text=_("Page, section, table or chapter, e.g. “p. 12” or “Laos chapter”."),
    )
    quote = forms.CharField(
        label=_("Quotation (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The passage that supports the statement, shown in the note."),
    )


class CitationChoiceMixin:
    """Columns that help an editor tell sources with similar titles apart."""

    @property
    def columns(self) -> list[Column]:
        return [
            *super().columns,
            Column("author", label=_("Publisher or author")),
            Column("year", label=_("Year")),
        ]

    @property
    def title_column(self) -> TitleColumn:
        return TitleColumn(
            "title",
            label=_("Title"),
            accessor="title",
            get_url=lambda obj: reverse(f"{CHOOSER_NAME}:chosen", args=(obj.pk,)),
            link_attrs={"data-chooser-modal-choice": True},
        )


class CitationChooseView(CitationChoiceMixin, ChooseView):
    page_title = _("Cite a source")


class CitationChooseResultsView(CitationChoiceMixin, ChooseResultsView):
    pass


class CiteStepMixin(ChosenResponseMixin):
    """After a source is chosen: ask where in it (optional), then return the citation."""

    def get_chosen_response_data(self, item: Source, form: CitationForm | None = None) -> dict:
        data = super().get_chosen_response_data(item)
        data.update(
            id=item.pk,
            label=item.short_label,
            title=item.title,
            locator=form.cleaned_data["locator"].strip() if form else "",
            quote=form.cleaned_data["quote"].strip() if form else "",
        )
        return data

    def cite_step(self, request: HttpRequest, source: Source, form: CitationForm) -> HttpResponse:
        return render_modal_workflow(
            request,
            "sources/admin/cite_step.html",
            None,
            {
                "source": source,
                "form": form,
                "action": reverse(f"{CHOOSER_NAME}:chosen", args=(source.pk,)),
                "choose_url": reverse(f"{CHOOSER_NAME}:choose"),
            },
            json_data={"step": "cite"},
        )


class CitationChosenView(CiteStepMixin, ChosenView):
    def get(self, request: HttpRequest, pk: str) -> HttpResponse:
        source = get_object_or_404(Source, pk=pk)
        form = CitationForm(
            initial={
                "locator": request.GET.get("locator", ""),
                "quote": request.GET.get("quote", ""),
            }
        )
        return self.cite_step(request, source, form)

    def post(self, request: HttpRequest, pk: str) -> HttpResponse:
        source = get_object_or_404(Source, pk=pk)
        form = CitationForm(request.POST)
        if not form.is_valid():
            return self.cite_step(request, source, form)
        return self._wrap_chosen_response_data(self.get_chosen_response_data(source, form))


class CitationCreateView(CiteStepMixin, CreateView):
    """A source created from the chooser goes on to the same "where in it" step."""

    def get_chosen_response(self, item: Source) -> HttpResponse:
        return self.cite_step(self.request, item, CitationForm())


class SourceCitationChooserViewSet(ChooserViewSet):
    """The chooser behind the rich-text "Citation" button; lists every source."""

    model = Source
    icon = "openquote"
    choose_one_text = _("Choose a source")
    choose_view_class = CitationChooseView
    choose_results_view_class = CitationChooseResultsView
    chosen_view_class = CitationChosenView
    create_view_class = CitationCreateView
    form_fields = ["title", "author", "year", "url", "accessed_on", "archive_url"]
    create_action_label = _("Create and cite")
    creation_tab_label = _("New source")
