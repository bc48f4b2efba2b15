import pytest

from casedu.errors import UnknownRecordError
from tests.builders import dataset, person


def test_lookups():
    data = dataset(people=[person("a"), person("b", institute="IOP")])
    assert data.person("a").id == "a"
    assert [p.id for p in data.people_by_institute["IOP"]] == ["a", "b"]
    assert data.department_name("IOP-D01") == "综合处"
    assert data.department_name(None) == ""


def test_unknown_lookups_name_what_exists():
    data = dataset()
    with pytest.raises(UnknownRecordError, match="known: IOP"):
        data.institute("XYZ")
    with pytest.raises(LookupError):
        data.person("nobody")
