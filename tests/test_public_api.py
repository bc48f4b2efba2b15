import casedu


def isort_style(name: str) -> tuple[int, str]:
    """Constants first, then classes, then functions (the order ruff keeps)."""
    kind = 0 if name.isupper() else 1 if name[0].isupper() else 2
    return kind, name


def test_all_is_sorted_and_complete():
    assert list(casedu.__all__) == sorted(casedu.__all__, key=isort_style)
    assert len(set(casedu.__all__)) == len(casedu.__all__)
    for name in casedu.__all__:
        assert hasattr(casedu, name), name


def test_errors_share_one_root_and_a_builtin():
    for name in ("DatasetError", "InvalidValueError", "UnknownRecordError",
                 "PermissionDeniedError", "ExporterError", "FontNotFoundError"):
        error = getattr(casedu, name)
        assert issubclass(error, casedu.CaseduError)
        assert len([b for b in error.__mro__ if b.__module__ == "builtins"]) > 2, name
