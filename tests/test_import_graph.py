"""No import circle anywhere in casedu or the benchmarks, module by module.

import-linter's ``acyclic`` contract (``lint-imports``, pyproject.toml) holds the packages'
siblings apart; this holds every module: no module reaches itself through its imports, those
under ``if TYPE_CHECKING:`` and inside functions included (grimp reads them all).
"""

from __future__ import annotations

from graphlib import CycleError, TopologicalSorter

import grimp


def circle_of(graph: grimp.ImportGraph) -> list[str]:
    """A circle of the graph's imports (its modules in order, the first again at the end), or
    [] when there is none."""
    order = TopologicalSorter({module: graph.find_modules_directly_imported_by(module)
                               for module in graph.modules})
    try:
        order.prepare()
    except CycleError as error:
        return list(error.args[1])
    return []


def test_a_circle_is_found_and_named():
    graph = grimp.ImportGraph()
    for module in ("pkg", "pkg.a", "pkg.b", "pkg.c"):
        graph.add_module(module)
    graph.add_import(importer="pkg.a", imported="pkg.b")
    graph.add_import(importer="pkg.b", imported="pkg.c")
    assert circle_of(graph) == []
    graph.add_import(importer="pkg.c", imported="pkg.a")
    circle = circle_of(graph)
    assert set(circle) == {"pkg.a", "pkg.b", "pkg.c"} and circle[0] == circle[-1]


def test_no_module_reaches_itself_through_its_imports():
    graph = grimp.build_graph("casedu", "benchmarks", cache_dir=None)
    for package in ("casedu", "benchmarks"):  # both were read, not an empty graph
        assert len(graph.find_children(package)) > 5
    assert circle_of(graph) == []
