"""The public API, walked with arguments of the wrong type: every function refuses them with a
CaseduError (an ArgumentTypeError is also a TypeError), never an AttributeError from deep inside
and never wrong figures."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect

import pytest

from casedu.errors import CaseduError
from casedu.sample import sample_dataset

#: The modules whose ``__all__`` is the public API (quantities and tables are building blocks).
MODULES = ("casedu", "casedu.metrics", "casedu.reports", "casedu.exporters", "casedu.dataset",
           "casedu.importers")
WRONG = [object(), 3.5, None, b"bytes", [1], True]
DATA = sample_dataset()
#: A right value for the parameters that are not the one made wrong.
RIGHT = {"dataset": DATA, "institute": "DEMO", "year": 2026, "today": dt.date(2026, 12, 1),
         "in_service": True}


def functions():
    seen = set()
    for name in MODULES:
        module = importlib.import_module(name)
        for attribute in getattr(module, "__all__", ()):
            function = getattr(module, attribute)
            if inspect.isclass(function) or not callable(function) or function in seen:
                continue
            seen.add(function)
            yield f"{name}.{attribute}", function


CASES = [
    (label, function, parameter.name, wrong)
    for label, function in functions()
    for parameter in inspect.signature(function).parameters.values()
    if parameter.default is parameter.empty
    and parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD)
    for wrong in WRONG
]


def call(function, parameter, wrong):
    args, kwargs = [], {}
    for p in inspect.signature(function).parameters.values():
        if p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        value = wrong if p.name == parameter else RIGHT.get(p.name, wrong)
        if p.kind is p.KEYWORD_ONLY:
            kwargs[p.name] = value
        else:
            args.append(value)
    return function(*args, **kwargs)


def test_the_walk_covers_the_public_api():
    labels = {label for label, *_ in CASES}
    assert {"casedu.load_dataset", "casedu.metrics.annual_figures",
            "casedu.exporters.export", "casedu.reports.build_report",
            "casedu.importers.read_rows"} <= labels
    assert len(CASES) > 150


@pytest.mark.parametrize(("label", "function", "parameter", "wrong"), CASES,
                         ids=[f"{c[0]}-{c[2]}-{type(c[3]).__name__}" for c in CASES])
def test_a_wrong_type_is_refused_as_a_casedu_error(label, function, parameter, wrong):
    try:
        call(function, parameter, wrong)
    except CaseduError:
        return
    except Exception as error:  # the assertion names what escaped
        pytest.fail(f"{label}({parameter}={wrong!r}) raised {type(error).__name__}: {error}")


def workflow_operations():
    from casedu.services import Workflow

    for name, method in inspect.getmembers(Workflow, inspect.isfunction):
        parameters = list(inspect.signature(method).parameters)
        if not name.startswith("_") and parameters[1:2] == ["actor"]:
            yield name


@pytest.mark.parametrize("operation", sorted(workflow_operations()))
@pytest.mark.parametrize("actor", ["IOP", None, 7])
def test_every_operation_refuses_what_is_not_an_actor(operation, actor):
    from casedu.errors import ArgumentTypeError
    from casedu.services import MemoryStore, PasswordHasher, Workflow

    flow = Workflow(MemoryStore(DATA), hasher=PasswordHasher(n=2**4))
    method = getattr(flow, operation)
    required = [p for p in list(inspect.signature(method).parameters.values())[1:]
                if p.default is p.empty and p.kind is p.POSITIONAL_OR_KEYWORD]
    with pytest.raises(ArgumentTypeError, match="actor must be an Actor"):
        method(actor, *([None] * len(required)))
    assert flow.store.events() == ()


@pytest.mark.parametrize(("call", "message"), [
    (lambda f: f.login(5, "x"), "username must be"),
    (lambda f: f.login("DEMO", None), "password must be"),
    (lambda f: f.bootstrap_institute_admin(5), "institute must be"),
])
def test_logins_and_accounts_refuse_wrong_types(call, message):
    from casedu.errors import ArgumentTypeError
    from casedu.services import MemoryStore, PasswordHasher, Workflow

    flow = Workflow(MemoryStore(DATA), hasher=PasswordHasher(n=2**4))
    with pytest.raises(ArgumentTypeError, match=message):
        call(flow)
