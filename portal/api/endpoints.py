"""One shape for the API's list and detail operations. A list is a published queryset (the
records module's rule: live, public pages; sources of published resources only...) narrowed by
its query's filters and answered in pages of records (`pagination.paginate`: limit, offset,
count, neighbouring pages). A detail is one published item found by its key, or a JSON 404
with the type's own message. Caching headers, conditional requests, the rate limit and errors
are ApiMiddleware's and api.py's, the same for every operation.

Each operation is registered as a function with the name and module a hand-written one would
have: ninja makes the operation id (also the item's anchor on the reference page) from both,
and the parameters of the OpenAPI document from its signature.
"""

import inspect
from collections.abc import Callable, Sequence
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Path, Query, Router

from .pagination import base_url, paginate
from .schemas import ERRORS, paged

Record = Callable[[Any, str], dict[str, Any]]
_KIND = inspect.Parameter.POSITIONAL_OR_KEYWORD


def query_parameter(schema: type, name: str = "query") -> inspect.Parameter:
    """Query parameters from a schema (ninja documents each field)."""
    return inspect.Parameter(name, _KIND, annotation=Query[schema])  # type: ignore[valid-type]


def path_parameter(name: str, annotation: type = str, **constraints: Any) -> inspect.Parameter:
    """A path segment, `{name}` in the operation's path."""
    default = Path(..., **constraints) if constraints else inspect.Parameter.empty
    return inspect.Parameter(name, _KIND, annotation=annotation, default=default)


def _register(
    router: Router,
    path: str,
    function_name: str,
    parameters: Sequence[inspect.Parameter],
    handler: Callable[..., Any],
    **options: Any,
) -> None:
    def operation(request: HttpRequest, **values: Any) -> Any:
        return handler(request, **values)

    operation.__name__ = operation.__qualname__ = function_name
    operation.__module__ = router.module_name  # type: ignore[attr-defined]
    request = inspect.Parameter("request", _KIND, annotation=HttpRequest)
    operation.__signature__ = inspect.Signature([request, *parameters])  # type: ignore[attr-defined]
    router.get(path, **options)(operation)


def api_router(module_name: str, **options: Any) -> Router:
    """A router whose operations are named as if written in `module_name` (its __name__)."""
    router = Router(**options)
    router.module_name = module_name  # type: ignore[attr-defined]
    return router


def list_operation(
    router: Router,
    path: str,
    *,
    name: str,
    function_name: str,
    schema: type,
    query: type,
    items: Callable[..., Any],
    record: Record | None = None,
    new_record: Callable[[], Record] | None = None,
    summary: str,
    description: str | None = None,
    path_parameters: Sequence[inspect.Parameter] = (),
) -> None:
    """GET `path`: pages of records of `items(query, **path_values)`, a stable-ordered
    published queryset already narrowed by the query. `new_record` makes the record function
    once per request (one that gathers what the whole page shares)."""

    def handler(request: HttpRequest, query: Any, **path_values: Any) -> dict[str, Any]:
        to_record = new_record() if new_record is not None else record
        return paginate(request, items(query, **path_values), query, to_record)

    _register(
        router,
        path,
        function_name,
        [query_parameter(query), *path_parameters],
        handler,
        response={200: paged(schema), **ERRORS},
        url_name=name,
        summary=summary,
        description=description,
    )


def detail_operation(
    router: Router,
    path: str,
    *,
    name: str,
    function_name: str,
    schema: type,
    parameters: Sequence[inspect.Parameter],
    find: Callable[..., Any],
    record: Record,
    not_found: Callable[..., str],
    summary: str,
    description: str | None = None,
) -> None:
    """GET `path`: the record of `find(**values)` (None: a 404 whose detail is
    `not_found(**values)`, in the language of the request)."""

    def handler(request: HttpRequest, **values: Any) -> dict[str, Any]:
        item = find(**values)
        if item is None:
            raise Http404(not_found(**values))
        return record(item, base_url(request))

    _register(
        router,
        path,
        function_name,
        parameters,
        handler,
        response={200: schema, **ERRORS},
        url_name=name,
        summary=summary,
        description=description,
    )
