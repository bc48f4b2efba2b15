"""The figures' statements compiled for SQLite by SQLAlchemy (casedu.store.reading).

Written by ``python -m casedu.store.compile``; do not edit. Each statement: its SQL, the names
of its parameters in order, the values of its constant parameters, the names of its columns,
and how each column's stored value is read (None: as it is).
"""

# fmt: off
from typing import Any

PARAMETERS: dict[str, str | None] = (
    {'low': 'day', 'high': 'day', 'threshold': 'hours', 'institute': None}
)

SQLITE: dict[str, tuple[Any, ...]] = {}

SQLITE['roster backbone_reports'] = (
    'SELECT backbone_reports.row_id, backbone_reports.institute, backbone_reports.year, '
    'backbone_reports.person, backbone_reports.reported_on \n'
    'FROM backbone_reports ORDER BY backbone_reports.row_id',
    (),
    {},
    ('row_id', 'institute', 'year', 'person', 'reported_on'),
    (None, None, None, None, 'day'),
)

SQLITE['roster backbone_reports of institute'] = (
    'SELECT backbone_reports.row_id, backbone_reports.institute, backbone_reports.year, '
    'backbone_reports.person, backbone_reports.reported_on \n'
    'FROM backbone_reports \n'
    'WHERE backbone_reports.institute = ? ORDER BY backbone_reports.row_id',
    ('institute',),
    {},
    ('row_id', 'institute', 'year', 'person', 'reported_on'),
    (None, None, None, None, 'day'),
)

SQLITE['roster departments'] = (
    'SELECT departments.row_id, departments.id, departments.institute, departments.name \n'
    'FROM departments ORDER BY departments.row_id',
    (),
    {},
    ('row_id', 'id', 'institute', 'name'),
    (None, None, None, None),
)

SQLITE['roster departments of institute'] = (
    'SELECT departments.row_id, departments.id, departments.institute, departments.name \n'
    'FROM departments \n'
    'WHERE departments.institute = ? ORDER BY departments.row_id',
    ('institute',),
    {},
    ('row_id', 'id', 'institute', 'name'),
    (None, None, None, None),
)

SQLITE['roster institutes'] = (
    'SELECT institutes.row_id, institutes.code, institutes.name \n'
    'FROM institutes ORDER BY institutes.row_id',
    (),
    {},
    ('row_id', 'code', 'name'),
    (None, None, None),
)

SQLITE['roster institutes of institute'] = (
    'SELECT institutes.row_id, institutes.code, institutes.name \n'
    'FROM institutes ORDER BY institutes.row_id',
    (),
    {},
    ('row_id', 'code', 'name'),
    (None, None, None),
)

SQLITE['roster people'] = (
    'SELECT people.row_id, people.id, people.institute, people.name, people.in_service, '
    'people.hours_required, people.department, people.email, people.hire_date, people.category \n'
    'FROM people ORDER BY people.row_id',
    (),
    {},
    ('row_id',
     'id',
     'institute',
     'name',
     'in_service',
     'hours_required',
     'department',
     'email',
     'hire_date',
     'category'),
    (None, None, None, None, 'bool', 'bool', None, None, 'day', None),
)

SQLITE['roster people of institute'] = (
    'SELECT people.row_id, people.id, people.institute, people.name, people.in_service, '
    'people.hours_required, people.department, people.email, people.hire_date, people.category \n'
    'FROM people \n'
    'WHERE people.institute = ? ORDER BY people.row_id',
    ('institute',),
    {},
    ('row_id',
     'id',
     'institute',
     'name',
     'in_service',
     'hours_required',
     'department',
     'email',
     'hire_date',
     'category'),
    (None, None, None, None, 'bool', 'bool', None, None, 'day', None),
)

SQLITE['roster plans'] = (
    'SELECT plans.row_id, plans.id, plans.institute, plans.name, plans.premium, plans.start, '
    'plans."end", plans.planned_participants, plans.hours, plans.expense, plans.status, '
    'plans.kind, plans.department, plans.audience, plans.content, plans.objectives, '
    'plans.location, plans.contact, plans.phone, plans.effectiveness, implementations.attendees '
    'AS "implementation.attendees", implementations.staff AS "implementation.staff", '
    'implementations.name AS "implementation.name", implementations.premium AS '
    '"implementation.premium", implementations.audience AS "implementation.audience", '
    'implementations.content AS "implementation.content", implementations.objectives AS '
    '"implementation.objectives", implementations.start AS "implementation.start", '
    'implementations."end" AS "implementation.end", implementations.location AS '
    '"implementation.location", implementations.hours AS "implementation.hours", '
    'implementations.expense AS "implementation.expense", implementations.contact AS '
    '"implementation.contact", implementations.phone AS "implementation.phone" \n'
    'FROM plans LEFT OUTER JOIN implementations ON implementations."plan" = plans.id ORDER BY '
    'plans.row_id',
    (),
    {},
    ('row_id',
     'id',
     'institute',
     'name',
     'premium',
     'start',
     'end',
     'planned_participants',
     'hours',
     'expense',
     'status',
     'kind',
     'department',
     'audience',
     'content',
     'objectives',
     'location',
     'contact',
     'phone',
     'effectiveness',
     'implementation.attendees',
     'implementation.staff',
     'implementation.name',
     'implementation.premium',
     'implementation.audience',
     'implementation.content',
     'implementation.objectives',
     'implementation.start',
     'implementation.end',
     'implementation.location',
     'implementation.hours',
     'implementation.expense',
     'implementation.contact',
     'implementation.phone'),
    (None,
     None,
     None,
     None,
     'bool',
     'day',
     'day',
     None,
     'hours',
     'money',
     None,
     None,
     None,
     None,
     None,
     None,
     None,
     None,
     None,
     None,
     None,
     None,
     None,
     'bool',
     None,
     None,
     None,
     'day',
     'day',
     None,
     'hours',
     'money',
     None,
     None),
)

SQLITE['roster plans of institute'] = (
    'SELECT plans.row_id, plans.id, plans.institute, plans.name, plans.premium, plans.start, '
    'plans."end", plans.planned_participants, plans.hours, plans.expense, plans.status, '
    'plans.kind, plans.department, plans.audience, plans.content, plans.objectives, '
    'plans.location, plans.contact, plans.phone, plans.effectiveness, implementations.attendees '
    'AS "implementation.attendees", implementations.staff AS "implementation.staff", '
    'implementations.name AS "implementation.name", implementations.premium AS '
    '"implementation.premium", implementations.audience AS "implementation.audience", '
    'implementations.content AS "implementation.content", implementations.objectives AS '
    '"implementation.objectives", implementations.start AS "implementation.start", '
    'implementations."end" AS "implementation.end", implementations.location AS '
    '"implementation.location", implementations.hours AS "implementation.hours", '
    'implementations.expense AS "implementation.expense", implementations.contact AS '
    '"implementation.contact", implementations.phone AS "implementation.phone" \n'
    'FROM plans LEFT OUTER JOIN implementations ON implementations."plan" = plans.id \n'
    'WHERE plans.institute = ? ORDER BY plans.row_id',
    ('institute',),
    {},
    ('row_id',
     'id',
     'institute',
     'name',
     'premium',
     'start',
     'end',
     'planned_participants',
     'hours',
     'expense',
     'status',
     'kind',
     'department',
     'audience',
     'content',
     'objectives',
     'location',
     'contact',
     'phone',
     'effectiveness',
     'implementation.attendees',
     'implementation.staff',
     'implementation.name',
     'implementation.premium',
     'implementation.audience',
     'implementation.content',
     'implementation.objectives',
     'implementation.start',
     'implementation.end',
     'implementation.location',
     'implementation.hours',
     'implementation.expense',
     'implementation.contact',
     'implementation.phone'),
    (None,
     None,
     None,
     None,
     'bool',
     'day',
     'day',
     None,
     'hours',
     'money',
     None,
     None,
     None,
     None,
     None,
     None,
     None,
     None,
     None,
     None,
     None,
     None,
     None,
     'bool',
     None,
     None,
     None,
     'day',
     'day',
     None,
     'hours',
     'money',
     None,
     None),
)

SQLITE['roster summaries'] = (
    'SELECT summaries.row_id, summaries.institute, summaries.year, summaries.total_investment, '
    'summaries.total_person_times, summaries.status, summaries.figures, summaries.submitted_on \n'
    'FROM summaries ORDER BY summaries.row_id',
    (),
    {},
    ('row_id',
     'institute',
     'year',
     'total_investment',
     'total_person_times',
     'status',
     'figures',
     'submitted_on'),
    (None, None, None, 'money', None, None, None, 'day'),
)

SQLITE['roster summaries of institute'] = (
    'SELECT summaries.row_id, summaries.institute, summaries.year, summaries.total_investment, '
    'summaries.total_person_times, summaries.status, summaries.figures, summaries.submitted_on \n'
    'FROM summaries \n'
    'WHERE summaries.institute = ? ORDER BY summaries.row_id',
    ('institute',),
    {},
    ('row_id',
     'institute',
     'year',
     'total_investment',
     'total_person_times',
     'status',
     'figures',
     'submitted_on'),
    (None, None, None, 'money', None, None, None, 'day'),
)

SQLITE['year end 0'] = (
    'SELECT windowed.person, windowed."key", windowed.title, windowed.first, windowed.last, '
    'windowed.hours, windowed.total, windowed.longest, windowed.n \n'
    'FROM (SELECT classes.person AS person, classes.id AS "key", classes.name AS title, '
    'classes.start AS first, classes."end" AS last, classes.hours AS hours, sum(classes.hours) '
    'OVER (PARTITION BY classes.person) AS total, max(classes.hours) OVER (PARTITION BY '
    'classes.person) AS longest, row_number() OVER (PARTITION BY classes.person) AS n \n'
    'FROM (SELECT attendance.person AS person, held.id AS id, held.name AS name, held.start AS '
    'start, held."end" AS "end", held.hours AS hours \n'
    'FROM attendance JOIN (SELECT plans.id AS id, coalesce(implementations.name, plans.name) AS '
    'name, coalesce(implementations.start, plans.start) AS start, coalesce(implementations."end", '
    'plans."end") AS "end", coalesce(implementations.hours, plans.hours) AS hours \n'
    'FROM plans LEFT OUTER JOIN implementations ON implementations."plan" = plans.id) AS held ON '
    'held.id = attendance."plan" \n'
    'WHERE attendance.status = ? AND held."end" BETWEEN ? AND ?) AS classes) AS windowed \n'
    'WHERE windowed.n = ? OR windowed.hours > ?',
    ('status_1', 'low', 'high', 'n_1', 'threshold'),
    {'n_1': 1, 'status_1': 'confirmed'},
    ('person', 'key', 'title', 'first', 'last', 'hours', 'total', 'longest', 'n'),
    (None, None, None, 'day', 'day', 'hours', 'hours', 'hours', None),
)

SQLITE['year end 0 of institute'] = (
    'SELECT windowed.person, windowed."key", windowed.title, windowed.first, windowed.last, '
    'windowed.hours, windowed.total, windowed.longest, windowed.n \n'
    'FROM (SELECT classes.person AS person, classes.id AS "key", classes.name AS title, '
    'classes.start AS first, classes."end" AS last, classes.hours AS hours, sum(classes.hours) '
    'OVER (PARTITION BY classes.person) AS total, max(classes.hours) OVER (PARTITION BY '
    'classes.person) AS longest, row_number() OVER (PARTITION BY classes.person) AS n \n'
    'FROM (SELECT attendance.person AS person, held.id AS id, held.name AS name, held.start AS '
    'start, held."end" AS "end", held.hours AS hours \n'
    'FROM attendance JOIN (SELECT plans.id AS id, coalesce(implementations.name, plans.name) AS '
    'name, coalesce(implementations.start, plans.start) AS start, coalesce(implementations."end", '
    'plans."end") AS "end", coalesce(implementations.hours, plans.hours) AS hours \n'
    'FROM plans LEFT OUTER JOIN implementations ON implementations."plan" = plans.id) AS held ON '
    'held.id = attendance."plan" \n'
    'WHERE attendance.status = ? AND held."end" BETWEEN ? AND ? AND attendance.person IN (SELECT '
    'people.id \n'
    'FROM people \n'
    'WHERE people.institute = ?)) AS classes) AS windowed \n'
    'WHERE windowed.n = ? OR windowed.hours > ?',
    ('status_1', 'low', 'high', 'institute', 'n_1', 'threshold'),
    {'n_1': 1, 'status_1': 'confirmed'},
    ('person', 'key', 'title', 'first', 'last', 'hours', 'total', 'longest', 'n'),
    (None, None, None, 'day', 'day', 'hours', 'hours', 'hours', None),
)

SQLITE['year end 1'] = (
    'SELECT windowed.person, windowed."key", windowed.title, windowed.first, windowed.last, '
    'windowed.hours, windowed.total, windowed.longest, windowed.n \n'
    'FROM (SELECT approved.person AS person, approved.id AS "key", approved.title AS title, '
    'approved.start AS first, approved."end" AS last, approved.hours AS hours, '
    'sum(approved.hours) OVER (PARTITION BY approved.person) AS total, max(approved.hours) OVER '
    '(PARTITION BY approved.person) AS longest, row_number() OVER (PARTITION BY approved.person) '
    'AS n \n'
    'FROM (SELECT external_learning.row_id AS row_id, external_learning.id AS id, '
    'external_learning.person AS person, external_learning.category AS category, '
    'external_learning.title AS title, external_learning.start AS start, external_learning."end" '
    'AS "end", external_learning.hours AS hours, external_learning.status AS status, '
    'external_learning.reviewer AS reviewer, external_learning.review_note AS review_note \n'
    'FROM external_learning \n'
    'WHERE external_learning.status = ? AND external_learning."end" BETWEEN ? AND ?) AS approved) '
    'AS windowed \n'
    'WHERE windowed.n = ? OR windowed.hours > ?',
    ('status_1', 'low', 'high', 'n_1', 'threshold'),
    {'n_1': 1, 'status_1': 'approved'},
    ('person', 'key', 'title', 'first', 'last', 'hours', 'total', 'longest', 'n'),
    (None, None, None, 'day', 'day', 'hours', 'hours', 'hours', None),
)

SQLITE['year end 1 of institute'] = (
    'SELECT windowed.person, windowed."key", windowed.title, windowed.first, windowed.last, '
    'windowed.hours, windowed.total, windowed.longest, windowed.n \n'
    'FROM (SELECT approved.person AS person, approved.id AS "key", approved.title AS title, '
    'approved.start AS first, approved."end" AS last, approved.hours AS hours, '
    'sum(approved.hours) OVER (PARTITION BY approved.person) AS total, max(approved.hours) OVER '
    '(PARTITION BY approved.person) AS longest, row_number() OVER (PARTITION BY approved.person) '
    'AS n \n'
    'FROM (SELECT external_learning.row_id AS row_id, external_learning.id AS id, '
    'external_learning.person AS person, external_learning.category AS category, '
    'external_learning.title AS title, external_learning.start AS start, external_learning."end" '
    'AS "end", external_learning.hours AS hours, external_learning.status AS status, '
    'external_learning.reviewer AS reviewer, external_learning.review_note AS review_note \n'
    'FROM external_learning \n'
    'WHERE external_learning.status = ? AND external_learning."end" BETWEEN ? AND ? AND '
    'external_learning.person IN (SELECT people.id \n'
    'FROM people \n'
    'WHERE people.institute = ?)) AS approved) AS windowed \n'
    'WHERE windowed.n = ? OR windowed.hours > ?',
    ('status_1', 'low', 'high', 'institute', 'n_1', 'threshold'),
    {'n_1': 1, 'status_1': 'approved'},
    ('person', 'key', 'title', 'first', 'last', 'hours', 'total', 'longest', 'n'),
    (None, None, None, 'day', 'day', 'hours', 'hours', 'hours', None),
)

SQLITE['year end 2'] = (
    'SELECT windowed.person, windowed."key", windowed.title, windowed.first, windowed.last, '
    'windowed.hours, windowed.total, windowed.longest, windowed.n \n'
    'FROM (SELECT courses.person AS person, courses.course AS "key", courses.title AS title, '
    'courses.first AS first, courses.last AS last, courses.hours AS hours, sum(courses.hours) '
    'OVER (PARTITION BY courses.person) AS total, max(courses.hours) OVER (PARTITION BY '
    'courses.person) AS longest, row_number() OVER (PARTITION BY courses.person) AS n \n'
    'FROM (SELECT online_learning.person AS person, online_learning.course AS course, '
    'min(online_learning.date) AS first, max(online_learning.date) AS last, '
    'coalesce(max(online_learning.title), online_learning.course) AS title, coalesce(sum(CASE '
    'WHEN (online_learning.seconds IS NULL) THEN online_learning.hours END), 0) + '
    'coalesce(((sum(online_learning.seconds) + 18000000) / 36000000 * 10000), 0) AS hours \n'
    'FROM online_learning \n'
    'WHERE online_learning.date BETWEEN ? AND ? GROUP BY online_learning.person, '
    'online_learning.course) AS courses) AS windowed \n'
    'WHERE windowed.n = ? OR windowed.hours > ?',
    ('low', 'high', 'n_1', 'threshold'),
    {'n_1': 1},
    ('person', 'key', 'title', 'first', 'last', 'hours', 'total', 'longest', 'n'),
    (None, None, None, 'day', 'day', 'hours', 'hours', 'hours', None),
)

SQLITE['year end 2 of institute'] = (
    'SELECT windowed.person, windowed."key", windowed.title, windowed.first, windowed.last, '
    'windowed.hours, windowed.total, windowed.longest, windowed.n \n'
    'FROM (SELECT courses.person AS person, courses.course AS "key", courses.title AS title, '
    'courses.first AS first, courses.last AS last, courses.hours AS hours, sum(courses.hours) '
    'OVER (PARTITION BY courses.person) AS total, max(courses.hours) OVER (PARTITION BY '
    'courses.person) AS longest, row_number() OVER (PARTITION BY courses.person) AS n \n'
    'FROM (SELECT online_learning.person AS person, online_learning.course AS course, '
    'min(online_learning.date) AS first, max(online_learning.date) AS last, '
    'coalesce(max(online_learning.title), online_learning.course) AS title, coalesce(sum(CASE '
    'WHEN (online_learning.seconds IS NULL) THEN online_learning.hours END), 0) + '
    'coalesce(((sum(online_learning.seconds) + 18000000) / 36000000 * 10000), 0) AS hours \n'
    'FROM online_learning \n'
    'WHERE online_learning.date BETWEEN ? AND ? AND online_learning.person IN (SELECT people.id \n'
    'FROM people \n'
    'WHERE people.institute = ?) GROUP BY online_learning.person, online_learning.course) AS '
    'courses) AS windowed \n'
    'WHERE windowed.n = ? OR windowed.hours > ?',
    ('low', 'high', 'institute', 'n_1', 'threshold'),
    {'n_1': 1},
    ('person', 'key', 'title', 'first', 'last', 'hours', 'total', 'longest', 'n'),
    (None, None, None, 'day', 'day', 'hours', 'hours', 'hours', None),
)

SQLITE['year start 0'] = (
    'SELECT windowed.person, windowed."key", windowed.title, windowed.first, windowed.last, '
    'windowed.hours, windowed.total, windowed.longest, windowed.n \n'
    'FROM (SELECT classes.person AS person, classes.id AS "key", classes.name AS title, '
    'classes.start AS first, classes."end" AS last, classes.hours AS hours, sum(classes.hours) '
    'OVER (PARTITION BY classes.person) AS total, max(classes.hours) OVER (PARTITION BY '
    'classes.person) AS longest, row_number() OVER (PARTITION BY classes.person) AS n \n'
    'FROM (SELECT attendance.person AS person, held.id AS id, held.name AS name, held.start AS '
    'start, held."end" AS "end", held.hours AS hours \n'
    'FROM attendance JOIN (SELECT plans.id AS id, coalesce(implementations.name, plans.name) AS '
    'name, coalesce(implementations.start, plans.start) AS start, coalesce(implementations."end", '
    'plans."end") AS "end", coalesce(implementations.hours, plans.hours) AS hours \n'
    'FROM plans LEFT OUTER JOIN implementations ON implementations."plan" = plans.id) AS held ON '
    'held.id = attendance."plan" \n'
    'WHERE attendance.status = ? AND held.start BETWEEN ? AND ?) AS classes) AS windowed \n'
    'WHERE windowed.n = ? OR windowed.hours > ?',
    ('status_1', 'low', 'high', 'n_1', 'threshold'),
    {'n_1': 1, 'status_1': 'confirmed'},
    ('person', 'key', 'title', 'first', 'last', 'hours', 'total', 'longest', 'n'),
    (None, None, None, 'day', 'day', 'hours', 'hours', 'hours', None),
)

SQLITE['year start 0 of institute'] = (
    'SELECT windowed.person, windowed."key", windowed.title, windowed.first, windowed.last, '
    'windowed.hours, windowed.total, windowed.longest, windowed.n \n'
    'FROM (SELECT classes.person AS person, classes.id AS "key", classes.name AS title, '
    'classes.start AS first, classes."end" AS last, classes.hours AS hours, sum(classes.hours) '
    'OVER (PARTITION BY classes.person) AS total, max(classes.hours) OVER (PARTITION BY '
    'classes.person) AS longest, row_number() OVER (PARTITION BY classes.person) AS n \n'
    'FROM (SELECT attendance.person AS person, held.id AS id, held.name AS name, held.start AS '
    'start, held."end" AS "end", held.hours AS hours \n'
    'FROM attendance JOIN (SELECT plans.id AS id, coalesce(implementations.name, plans.name) AS '
    'name, coalesce(implementations.start, plans.start) AS start, coalesce(implementations."end", '
    'plans."end") AS "end", coalesce(implementations.hours, plans.hours) AS hours \n'
    'FROM plans LEFT OUTER JOIN implementations ON implementations."plan" = plans.id) AS held ON '
    'held.id = attendance."plan" \n'
    'WHERE attendance.status = ? AND held.start BETWEEN ? AND ? AND attendance.person IN (SELECT '
    'people.id \n'
    'FROM people \n'
    'WHERE people.institute = ?)) AS classes) AS windowed \n'
    'WHERE windowed.n = ? OR windowed.hours > ?',
    ('status_1', 'low', 'high', 'institute', 'n_1', 'threshold'),
    {'n_1': 1, 'status_1': 'confirmed'},
    ('person', 'key', 'title', 'first', 'last', 'hours', 'total', 'longest', 'n'),
    (None, None, None, 'day', 'day', 'hours', 'hours', 'hours', None),
)

SQLITE['year start 1'] = (
    'SELECT windowed.person, windowed."key", windowed.title, windowed.first, windowed.last, '
    'windowed.hours, windowed.total, windowed.longest, windowed.n \n'
    'FROM (SELECT approved.person AS person, approved.id AS "key", approved.title AS title, '
    'approved.start AS first, approved."end" AS last, approved.hours AS hours, '
    'sum(approved.hours) OVER (PARTITION BY approved.person) AS total, max(approved.hours) OVER '
    '(PARTITION BY approved.person) AS longest, row_number() OVER (PARTITION BY approved.person) '
    'AS n \n'
    'FROM (SELECT external_learning.row_id AS row_id, external_learning.id AS id, '
    'external_learning.person AS person, external_learning.category AS category, '
    'external_learning.title AS title, external_learning.start AS start, external_learning."end" '
    'AS "end", external_learning.hours AS hours, external_learning.status AS status, '
    'external_learning.reviewer AS reviewer, external_learning.review_note AS review_note \n'
    'FROM external_learning \n'
    'WHERE external_learning.status = ? AND external_learning.start BETWEEN ? AND ?) AS approved) '
    'AS windowed \n'
    'WHERE windowed.n = ? OR windowed.hours > ?',
    ('status_1', 'low', 'high', 'n_1', 'threshold'),
    {'n_1': 1, 'status_1': 'approved'},
    ('person', 'key', 'title', 'first', 'last', 'hours', 'total', 'longest', 'n'),
    (None, None, None, 'day', 'day', 'hours', 'hours', 'hours', None),
)

SQLITE['year start 1 of institute'] = (
    'SELECT windowed.person, windowed."key", windowed.title, windowed.first, windowed.last, '
    'windowed.hours, windowed.total, windowed.longest, windowed.n \n'
    'FROM (SELECT approved.person AS person, approved.id AS "key", approved.title AS title, '
    'approved.start AS first, approved."end" AS last, approved.hours AS hours, '
    'sum(approved.hours) OVER (PARTITION BY approved.person) AS total, max(approved.hours) OVER '
    '(PARTITION BY approved.person) AS longest, row_number() OVER (PARTITION BY approved.person) '
    'AS n \n'
    'FROM (SELECT external_learning.row_id AS row_id, external_learning.id AS id, '
    'external_learning.person AS person, external_learning.category AS category, '
    'external_learning.title AS title, external_learning.start AS start, external_learning."end" '
    'AS "end", external_learning.hours AS hours, external_learning.status AS status, '
    'external_learning.reviewer AS reviewer, external_learning.review_note AS review_note \n'
    'FROM external_learning \n'
    'WHERE external_learning.status = ? AND external_learning.start BETWEEN ? AND ? AND '
    'external_learning.person IN (SELECT people.id \n'
    'FROM people \n'
    'WHERE people.institute = ?)) AS approved) AS windowed \n'
    'WHERE windowed.n = ? OR windowed.hours > ?',
    ('status_1', 'low', 'high', 'institute', 'n_1', 'threshold'),
    {'n_1': 1, 'status_1': 'approved'},
    ('person', 'key', 'title', 'first', 'last', 'hours', 'total', 'longest', 'n'),
    (None, None, None, 'day', 'day', 'hours', 'hours', 'hours', None),
)

SQLITE['year start 2'] = (
    'SELECT windowed.person, windowed."key", windowed.title, windowed.first, windowed.last, '
    'windowed.hours, windowed.total, windowed.longest, windowed.n \n'
    'FROM (SELECT courses.person AS person, courses.course AS "key", courses.title AS title, '
    'courses.first AS first, courses.last AS last, courses.hours AS hours, sum(courses.hours) '
    'OVER (PARTITION BY courses.person) AS total, max(courses.hours) OVER (PARTITION BY '
    'courses.person) AS longest, row_number() OVER (PARTITION BY courses.person) AS n \n'
    'FROM (SELECT online_learning.person AS person, online_learning.course AS course, '
    'min(online_learning.date) AS first, max(online_learning.date) AS last, '
    'coalesce(max(online_learning.title), online_learning.course) AS title, coalesce(sum(CASE '
    'WHEN (online_learning.seconds IS NULL) THEN online_learning.hours END), 0) + '
    'coalesce(((sum(online_learning.seconds) + 18000000) / 36000000 * 10000), 0) AS hours \n'
    'FROM online_learning \n'
    'WHERE online_learning.date BETWEEN ? AND ? GROUP BY online_learning.person, '
    'online_learning.course) AS courses) AS windowed \n'
    'WHERE windowed.n = ? OR windowed.hours > ?',
    ('low', 'high', 'n_1', 'threshold'),
    {'n_1': 1},
    ('person', 'key', 'title', 'first', 'last', 'hours', 'total', 'longest', 'n'),
    (None, None, None, 'day', 'day', 'hours', 'hours', 'hours', None),
)

SQLITE['year start 2 of institute'] = (
    'SELECT windowed.person, windowed."key", windowed.title, windowed.first, windowed.last, '
    'windowed.hours, windowed.total, windowed.longest, windowed.n \n'
    'FROM (SELECT courses.person AS person, courses.course AS "key", courses.title AS title, '
    'courses.first AS first, courses.last AS last, courses.hours AS hours, sum(courses.hours) '
    'OVER (PARTITION BY courses.person) AS total, max(courses.hours) OVER (PARTITION BY '
    'courses.person) AS longest, row_number() OVER (PARTITION BY courses.person) AS n \n'
    'FROM (SELECT online_learning.person AS person, online_learning.course AS course, '
    'min(online_learning.date) AS first, max(online_learning.date) AS last, '
    'coalesce(max(online_learning.title), online_learning.course) AS title, coalesce(sum(CASE '
    'WHEN (online_learning.seconds IS NULL) THEN online_learning.hours END), 0) + '
    'coalesce(((sum(online_learning.seconds) + 18000000) / 36000000 * 10000), 0) AS hours \n'
    'FROM online_learning \n'
    'WHERE online_learning.date BETWEEN ? AND ? AND online_learning.person IN (SELECT people.id \n'
    'FROM people \n'
    'WHERE people.institute = ?) GROUP BY online_learning.person, online_learning.course) AS '
    'courses) AS windowed \n'
    'WHERE windowed.n = ? OR windowed.hours > ?',
    ('low', 'high', 'institute', 'n_1', 'threshold'),
    {'n_1': 1},
    ('person', 'key', 'title', 'first', 'last', 'hours', 'total', 'longest', 'n'),
    (None, None, None, 'day', 'day', 'hours', 'hours', 'hours', None),
)
