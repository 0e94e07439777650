"""Admin: figures from a CSV file (the figures download, edited), previewed as a dry run
before anything is stored. The file's text travels back with the confirmation, so what the
editor previewed is exactly what is imported (and re-checked)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .dataset import FIGURE_FIELDS, csv_columns
from .figure_import import FileError, import_figures

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
PREVIEW, IMPORT = "preview", "import"


def may_import_figures(user) -> bool:
    return user.has_perm("countries.add_figure") and user.has_perm("countries.change_figure")


class FigureImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        required=False,
        help_text=gettext_lazy(
            "The figures download (all countries or one), edited in a spreadsheet and saved "
            "as CSV UTF-8."
        ),
    )
    csv_text = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict:
        data = super().clean()
        upload = data.get("file")
        if upload:
            if upload.size > MAX_UPLOAD_BYTES:
                raise forms.ValidationError(_("The file is larger than 5 MB: split it."))
            data["content"] = upload.read()
        elif data.get("csv_text"):
            data["content"] = data["csv_text"]
        else:
            raise forms.ValidationError(_("Choose a CSV file."))
        return data


class FigureImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "countries/admin/figure_import.html"
    form_class = FigureImportForm
    page_title = gettext_lazy("Import figures from CSV")
    header_icon = "table"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not may_import_figures(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self) -> list:
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["columns"] = csv_columns(FIGURE_FIELDS)
        return context

    def form_valid(self, form: FigureImportForm) -> HttpResponse:
        content = form.cleaned_data["content"]
        confirmed = self.request.POST.get("action") == IMPORT
        try:
            report = import_figures(content, dry_run=not confirmed)
        except FileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        if confirmed and report.stored:
            messages.success(
                self.request,
                _("Figures imported: %(created)s added, %(changed)s changed.")
                % {"created": report.count("created"), "changed": report.count("changed")},
            )
            return redirect("figures:index")
        text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
        preview_form = FigureImportForm(initial={"csv_text": text})
        return self.render_to_response(
            self.get_context_data(
                form=preview_form,
                report=report,
                can_import=bool(not report.errors and report.changed_rows),
            )
        )
