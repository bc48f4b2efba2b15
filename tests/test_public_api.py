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
    for name in ("DatasetError", "InvalidValueError", "UnknownRecordError", "ExporterError",
                 "FontNotFoundError", "ArgumentTypeError", "WorkflowError", "ConflictError",
                 "WorkspaceError", "FileRefusedError"):
        error = getattr(casedu, name)
        assert issubclass(error, casedu.CaseduError)
        assert len([b for b in error.__mro__ if b.__module__ == "builtins"]) > 2, name


def test_no_authorization_or_login_error_is_an_os_error():
    """``except OSError`` around file handling must not swallow a refused login."""
    for name in ("PermissionDeniedError", "PasswordChangeRequiredError", "LoginFailedError"):
        error = getattr(casedu, name)
        assert issubclass(error, casedu.CaseduError) and not issubclass(error, OSError), name


def test_every_error_class_is_importable_from_casedu():
    from casedu import errors

    public = {n for n in errors.__all__ if n not in ("Problem", "shown", "expect", "visible")}
    assert public <= set(casedu.__all__)
