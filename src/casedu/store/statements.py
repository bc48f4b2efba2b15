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

SQLITE['guard attendance'] = (
    'SELECT attendance.row_id, CASE WHEN (NOT (length(attendance."plan") BETWEEN ? AND ? AND '
    'attendance."plan" = trim(attendance."plan"))) THEN ? WHEN (NOT (length(attendance.person) '
    'BETWEEN ? AND ? AND attendance.person = trim(attendance.person))) THEN ? WHEN '
    "((attendance.status NOT IN ('added', 'confirmed'))) THEN ? END AS broken \n"
    'FROM attendance \n'
    'WHERE NOT (length(attendance."plan") BETWEEN ? AND ? AND attendance."plan" = '
    'trim(attendance."plan")) OR NOT (length(attendance.person) BETWEEN ? AND ? AND '
    "attendance.person = trim(attendance.person)) OR (attendance.status NOT IN ('added', "
    "'confirmed')) ORDER BY attendance.row_id\n"
    ' LIMIT ? OFFSET ?',
    ('length_1',
     'length_2',
     'param_1',
     'length_3',
     'length_4',
     'param_2',
     'param_3',
     'length_1',
     'length_2',
     'length_3',
     'length_4',
     'param_4',
     'param_5'),
    {'length_1': 1,
     'length_2': 255,
     'length_3': 1,
     'length_4': 255,
     'param_1': 'plan: must be an id of 1 to 255 characters without spaces around it',
     'param_2': 'person: must be an id of 1 to 255 characters without spaces around it',
     'param_3': 'status: must be one of added, confirmed',
     'param_4': 1,
     'param_5': 0},
    ('row_id', 'broken'),
    (None, None),
)

SQLITE['guard attendance of institute'] = (
    'SELECT attendance.row_id, CASE WHEN (NOT (length(attendance."plan") BETWEEN ? AND ? AND '
    'attendance."plan" = trim(attendance."plan"))) THEN ? WHEN (NOT (length(attendance.person) '
    'BETWEEN ? AND ? AND attendance.person = trim(attendance.person))) THEN ? WHEN '
    "((attendance.status NOT IN ('added', 'confirmed'))) THEN ? END AS broken \n"
    'FROM attendance \n'
    'WHERE (NOT (length(attendance."plan") BETWEEN ? AND ? AND attendance."plan" = '
    'trim(attendance."plan")) OR NOT (length(attendance.person) BETWEEN ? AND ? AND '
    "attendance.person = trim(attendance.person)) OR (attendance.status NOT IN ('added', "
    "'confirmed'))) AND attendance.person IN (SELECT people.id \n"
    'FROM people \n'
    'WHERE people.institute = ?) ORDER BY attendance.row_id\n'
    ' LIMIT ? OFFSET ?',
    ('length_1',
     'length_2',
     'param_1',
     'length_3',
     'length_4',
     'param_2',
     'param_3',
     'length_1',
     'length_2',
     'length_3',
     'length_4',
     'institute',
     'param_4',
     'param_5'),
    {'length_1': 1,
     'length_2': 255,
     'length_3': 1,
     'length_4': 255,
     'param_1': 'plan: must be an id of 1 to 255 characters without spaces around it',
     'param_2': 'person: must be an id of 1 to 255 characters without spaces around it',
     'param_3': 'status: must be one of added, confirmed',
     'param_4': 1,
     'param_5': 0},
    ('row_id', 'broken'),
    (None, None),
)

SQLITE['guard external_learning'] = (
    'SELECT external_learning.row_id, CASE WHEN (NOT (length(external_learning.id) BETWEEN ? AND '
    '? AND external_learning.id = trim(external_learning.id))) THEN ? WHEN (NOT '
    '(length(external_learning.person) BETWEEN ? AND ? AND external_learning.person = '
    'trim(external_learning.person))) THEN ? WHEN (length(external_learning.category) > ?) THEN ? '
    'WHEN (length(external_learning.title) > ?) THEN ? WHEN (NOT '
    '(date(julianday(external_learning.start)) IS NOT NULL AND '
    'date(julianday(external_learning.start)) = external_learning.start)) THEN ? WHEN (NOT '
    '(date(julianday(external_learning."end")) IS NOT NULL AND '
    'date(julianday(external_learning."end")) = external_learning."end")) THEN ? WHEN (NOT '
    '(external_learning.hours BETWEEN ? AND ? AND typeof(external_learning.hours) = ?)) THEN ? '
    "WHEN ((external_learning.status NOT IN ('pending', 'approved', 'rejected'))) THEN ? WHEN "
    '(NOT (external_learning.reviewer IS NULL OR length(external_learning.reviewer) BETWEEN ? AND '
    '? AND external_learning.reviewer = trim(external_learning.reviewer))) THEN ? WHEN (NOT '
    '(external_learning.review_note IS NULL OR length(external_learning.review_note) <= ?)) THEN '
    '? WHEN (NOT (external_learning.start IS NULL OR external_learning."end" IS NULL OR '
    'external_learning.start <= external_learning."end")) THEN ? END AS broken \n'
    'FROM external_learning \n'
    'WHERE NOT (length(external_learning.id) BETWEEN ? AND ? AND external_learning.id = '
    'trim(external_learning.id)) OR NOT (length(external_learning.person) BETWEEN ? AND ? AND '
    'external_learning.person = trim(external_learning.person)) OR '
    'length(external_learning.category) > ? OR length(external_learning.title) > ? OR NOT '
    '(date(julianday(external_learning.start)) IS NOT NULL AND '
    'date(julianday(external_learning.start)) = external_learning.start) OR NOT '
    '(date(julianday(external_learning."end")) IS NOT NULL AND '
    'date(julianday(external_learning."end")) = external_learning."end") OR NOT '
    '(external_learning.hours BETWEEN ? AND ? AND typeof(external_learning.hours) = ?) OR '
    "(external_learning.status NOT IN ('pending', 'approved', 'rejected')) OR NOT "
    '(external_learning.reviewer IS NULL OR length(external_learning.reviewer) BETWEEN ? AND ? '
    'AND external_learning.reviewer = trim(external_learning.reviewer)) OR NOT '
    '(external_learning.review_note IS NULL OR length(external_learning.review_note) <= ?) OR NOT '
    '(external_learning.start IS NULL OR external_learning."end" IS NULL OR '
    'external_learning.start <= external_learning."end") ORDER BY external_learning.row_id\n'
    ' LIMIT ? OFFSET ?',
    ('length_1',
     'length_2',
     'param_1',
     'length_3',
     'length_4',
     'param_2',
     'length_5',
     'param_3',
     'length_6',
     'param_4',
     'param_5',
     'param_6',
     'param_7',
     'param_8',
     'typeof_1',
     'param_9',
     'param_10',
     'length_7',
     'length_8',
     'param_11',
     'length_9',
     'param_12',
     'param_13',
     'length_1',
     'length_2',
     'length_3',
     'length_4',
     'length_5',
     'length_6',
     'param_7',
     'param_8',
     'typeof_1',
     'length_7',
     'length_8',
     'length_9',
     'param_14',
     'param_15'),
    {'length_1': 1,
     'length_2': 255,
     'length_3': 1,
     'length_4': 255,
     'length_5': 1000,
     'length_6': 1000,
     'length_7': 1,
     'length_8': 255,
     'length_9': 32767,
     'param_1': 'id: must be an id of 1 to 255 characters without spaces around it',
     'param_10': 'status: must be one of pending, approved, rejected',
     'param_11': 'reviewer: must be an id of 1 to 255 characters without spaces around it',
     'param_12': 'review_note: must be at most 32767 characters',
     'param_13': 'end: must be not before start',
     'param_14': 1,
     'param_15': 0,
     'param_2': 'person: must be an id of 1 to 255 characters without spaces around it',
     'param_3': 'category: must be at most 1000 characters',
     'param_4': 'title: must be at most 1000 characters',
     'param_5': 'start: must be a calendar date',
     'param_6': 'end: must be a calendar date',
     'param_7': 0,
     'param_8': 2000000000,
     'param_9': 'hours: must be hours from 0 to 2000',
     'typeof_1': 'integer'},
    ('row_id', 'broken'),
    (None, None),
)

SQLITE['guard external_learning of institute'] = (
    'SELECT external_learning.row_id, CASE WHEN (NOT (length(external_learning.id) BETWEEN ? AND '
    '? AND external_learning.id = trim(external_learning.id))) THEN ? WHEN (NOT '
    '(length(external_learning.person) BETWEEN ? AND ? AND external_learning.person = '
    'trim(external_learning.person))) THEN ? WHEN (length(external_learning.category) > ?) THEN ? '
    'WHEN (length(external_learning.title) > ?) THEN ? WHEN (NOT '
    '(date(julianday(external_learning.start)) IS NOT NULL AND '
    'date(julianday(external_learning.start)) = external_learning.start)) THEN ? WHEN (NOT '
    '(date(julianday(external_learning."end")) IS NOT NULL AND '
    'date(julianday(external_learning."end")) = external_learning."end")) THEN ? WHEN (NOT '
    '(external_learning.hours BETWEEN ? AND ? AND typeof(external_learning.hours) = ?)) THEN ? '
    "WHEN ((external_learning.status NOT IN ('pending', 'approved', 'rejected'))) THEN ? WHEN "
    '(NOT (external_learning.reviewer IS NULL OR length(external_learning.reviewer) BETWEEN ? AND '
    '? AND external_learning.reviewer = trim(external_learning.reviewer))) THEN ? WHEN (NOT '
    '(external_learning.review_note IS NULL OR length(external_learning.review_note) <= ?)) THEN '
    '? WHEN (NOT (external_learning.start IS NULL OR external_learning."end" IS NULL OR '
    'external_learning.start <= external_learning."end")) THEN ? END AS broken \n'
    'FROM external_learning \n'
    'WHERE (NOT (length(external_learning.id) BETWEEN ? AND ? AND external_learning.id = '
    'trim(external_learning.id)) OR NOT (length(external_learning.person) BETWEEN ? AND ? AND '
    'external_learning.person = trim(external_learning.person)) OR '
    'length(external_learning.category) > ? OR length(external_learning.title) > ? OR NOT '
    '(date(julianday(external_learning.start)) IS NOT NULL AND '
    'date(julianday(external_learning.start)) = external_learning.start) OR NOT '
    '(date(julianday(external_learning."end")) IS NOT NULL AND '
    'date(julianday(external_learning."end")) = external_learning."end") OR NOT '
    '(external_learning.hours BETWEEN ? AND ? AND typeof(external_learning.hours) = ?) OR '
    "(external_learning.status NOT IN ('pending', 'approved', 'rejected')) OR NOT "
    '(external_learning.reviewer IS NULL OR length(external_learning.reviewer) BETWEEN ? AND ? '
    'AND external_learning.reviewer = trim(external_learning.reviewer)) OR NOT '
    '(external_learning.review_note IS NULL OR length(external_learning.review_note) <= ?) OR NOT '
    '(external_learning.start IS NULL OR external_learning."end" IS NULL OR '
    'external_learning.start <= external_learning."end")) AND external_learning.person IN (SELECT '
    'people.id \n'
    'FROM people \n'
    'WHERE people.institute = ?) ORDER BY external_learning.row_id\n'
    ' LIMIT ? OFFSET ?',
    ('length_1',
     'length_2',
     'param_1',
     'length_3',
     'length_4',
     'param_2',
     'length_5',
     'param_3',
     'length_6',
     'param_4',
     'param_5',
     'param_6',
     'param_7',
     'param_8',
     'typeof_1',
     'param_9',
     'param_10',
     'length_7',
     'length_8',
     'param_11',
     'length_9',
     'param_12',
     'param_13',
     'length_1',
     'length_2',
     'length_3',
     'length_4',
     'length_5',
     'length_6',
     'param_7',
     'param_8',
     'typeof_1',
     'length_7',
     'length_8',
     'length_9',
     'institute',
     'param_14',
     'param_15'),
    {'length_1': 1,
     'length_2': 255,
     'length_3': 1,
     'length_4': 255,
     'length_5': 1000,
     'length_6': 1000,
     'length_7': 1,
     'length_8': 255,
     'length_9': 32767,
     'param_1': 'id: must be an id of 1 to 255 characters without spaces around it',
     'param_10': 'status: must be one of pending, approved, rejected',
     'param_11': 'reviewer: must be an id of 1 to 255 characters without spaces around it',
     'param_12': 'review_note: must be at most 32767 characters',
     'param_13': 'end: must be not before start',
     'param_14': 1,
     'param_15': 0,
     'param_2': 'person: must be an id of 1 to 255 characters without spaces around it',
     'param_3': 'category: must be at most 1000 characters',
     'param_4': 'title: must be at most 1000 characters',
     'param_5': 'start: must be a calendar date',
     'param_6': 'end: must be a calendar date',
     'param_7': 0,
     'param_8': 2000000000,
     'param_9': 'hours: must be hours from 0 to 2000',
     'typeof_1': 'integer'},
    ('row_id', 'broken'),
    (None, None),
)

SQLITE['guard implementations'] = (
    'SELECT implementations.row_id, CASE WHEN (NOT (length(implementations."plan") BETWEEN ? AND '
    '? AND implementations."plan" = trim(implementations."plan"))) THEN ? WHEN (NOT '
    '(implementations.attendees BETWEEN ? AND ? AND typeof(implementations.attendees) = ?)) THEN '
    '? WHEN (NOT (implementations.staff BETWEEN ? AND ? AND typeof(implementations.staff) = ?)) '
    'THEN ? WHEN (NOT (implementations.name IS NULL OR length(implementations.name) <= ?)) THEN ? '
    'WHEN (NOT (implementations.premium IS NULL OR implementations.premium IN (0, 1))) THEN ? '
    'WHEN (NOT (implementations.audience IS NULL OR length(implementations.audience) <= ?)) THEN '
    '? WHEN (NOT (implementations.content IS NULL OR length(implementations.content) <= ?)) THEN '
    '? WHEN (NOT (implementations.objectives IS NULL OR length(implementations.objectives) <= ?)) '
    'THEN ? WHEN (NOT (implementations.start IS NULL OR date(julianday(implementations.start)) IS '
    'NOT NULL AND date(julianday(implementations.start)) = implementations.start)) THEN ? WHEN '
    '(NOT (implementations."end" IS NULL OR date(julianday(implementations."end")) IS NOT NULL '
    'AND date(julianday(implementations."end")) = implementations."end")) THEN ? WHEN (NOT '
    '(implementations.location IS NULL OR length(implementations.location) <= ?)) THEN ? WHEN '
    '(NOT (implementations.hours IS NULL OR implementations.hours BETWEEN ? AND ? AND '
    'typeof(implementations.hours) = ?)) THEN ? WHEN (NOT (implementations.expense IS NULL OR '
    'implementations.expense BETWEEN ? AND ? AND typeof(implementations.expense) = ?)) THEN ? '
    'WHEN (NOT (implementations.contact IS NULL OR length(implementations.contact) <= ?)) THEN ? '
    'WHEN (NOT (implementations.phone IS NULL OR length(implementations.phone) <= ?)) THEN ? WHEN '
    '(NOT (implementations.start IS NULL OR implementations."end" IS NULL OR '
    'implementations.start <= implementations."end")) THEN ? END AS broken \n'
    'FROM implementations \n'
    'WHERE NOT (length(implementations."plan") BETWEEN ? AND ? AND implementations."plan" = '
    'trim(implementations."plan")) OR NOT (implementations.attendees BETWEEN ? AND ? AND '
    'typeof(implementations.attendees) = ?) OR NOT (implementations.staff BETWEEN ? AND ? AND '
    'typeof(implementations.staff) = ?) OR NOT (implementations.name IS NULL OR '
    'length(implementations.name) <= ?) OR NOT (implementations.premium IS NULL OR '
    'implementations.premium IN (0, 1)) OR NOT (implementations.audience IS NULL OR '
    'length(implementations.audience) <= ?) OR NOT (implementations.content IS NULL OR '
    'length(implementations.content) <= ?) OR NOT (implementations.objectives IS NULL OR '
    'length(implementations.objectives) <= ?) OR NOT (implementations.start IS NULL OR '
    'date(julianday(implementations.start)) IS NOT NULL AND '
    'date(julianday(implementations.start)) = implementations.start) OR NOT '
    '(implementations."end" IS NULL OR date(julianday(implementations."end")) IS NOT NULL AND '
    'date(julianday(implementations."end")) = implementations."end") OR NOT '
    '(implementations.location IS NULL OR length(implementations.location) <= ?) OR NOT '
    '(implementations.hours IS NULL OR implementations.hours BETWEEN ? AND ? AND '
    'typeof(implementations.hours) = ?) OR NOT (implementations.expense IS NULL OR '
    'implementations.expense BETWEEN ? AND ? AND typeof(implementations.expense) = ?) OR NOT '
    '(implementations.contact IS NULL OR length(implementations.contact) <= ?) OR NOT '
    '(implementations.phone IS NULL OR length(implementations.phone) <= ?) OR NOT '
    '(implementations.start IS NULL OR implementations."end" IS NULL OR implementations.start <= '
    'implementations."end") ORDER BY implementations.row_id\n'
    ' LIMIT ? OFFSET ?',
    ('length_1',
     'length_2',
     'param_1',
     'param_2',
     'param_3',
     'typeof_1',
     'param_4',
     'param_5',
     'param_6',
     'typeof_2',
     'param_7',
     'length_3',
     'param_8',
     'param_9',
     'length_4',
     'param_10',
     'length_5',
     'param_11',
     'length_6',
     'param_12',
     'param_13',
     'param_14',
     'length_7',
     'param_15',
     'param_16',
     'param_17',
     'typeof_3',
     'param_18',
     'param_19',
     'param_20',
     'typeof_4',
     'param_21',
     'length_8',
     'param_22',
     'length_9',
     'param_23',
     'param_24',
     'length_1',
     'length_2',
     'param_2',
     'param_3',
     'typeof_1',
     'param_5',
     'param_6',
     'typeof_2',
     'length_3',
     'length_4',
     'length_5',
     'length_6',
     'length_7',
     'param_16',
     'param_17',
     'typeof_3',
     'param_19',
     'param_20',
     'typeof_4',
     'length_8',
     'length_9',
     'param_25',
     'param_26'),
    {'length_1': 1,
     'length_2': 255,
     'length_3': 1000,
     'length_4': 32767,
     'length_5': 32767,
     'length_6': 32767,
     'length_7': 1000,
     'length_8': 1000,
     'length_9': 1000,
     'param_1': 'plan: must be an id of 1 to 255 characters without spaces around it',
     'param_10': 'audience: must be at most 32767 characters',
     'param_11': 'content: must be at most 32767 characters',
     'param_12': 'objectives: must be at most 32767 characters',
     'param_13': 'start: must be a calendar date',
     'param_14': 'end: must be a calendar date',
     'param_15': 'location: must be at most 1000 characters',
     'param_16': 0,
     'param_17': 2000000000,
     'param_18': 'hours: must be hours from 0 to 2000',
     'param_19': 0,
     'param_2': 0,
     'param_20': 999999999999,
     'param_21': 'expense: must be yuan from 0 to 9999999999.99',
     'param_22': 'contact: must be at most 1000 characters',
     'param_23': 'phone: must be at most 1000 characters',
     'param_24': 'end: must be not before start',
     'param_25': 1,
     'param_26': 0,
     'param_3': 10000000,
     'param_4': 'attendees: must be attendees from 0 to 10000000',
     'param_5': 0,
     'param_6': 10000000,
     'param_7': 'staff: must be staff from 0 to 10000000',
     'param_8': 'name: must be at most 1000 characters',
     'param_9': 'premium: must be true or false',
     'typeof_1': 'integer',
     'typeof_2': 'integer',
     'typeof_3': 'integer',
     'typeof_4': 'integer'},
    ('row_id', 'broken'),
    (None, None),
)

SQLITE['guard implementations of institute'] = (
    'SELECT implementations.row_id, CASE WHEN (NOT (length(implementations."plan") BETWEEN ? AND '
    '? AND implementations."plan" = trim(implementations."plan"))) THEN ? WHEN (NOT '
    '(implementations.attendees BETWEEN ? AND ? AND typeof(implementations.attendees) = ?)) THEN '
    '? WHEN (NOT (implementations.staff BETWEEN ? AND ? AND typeof(implementations.staff) = ?)) '
    'THEN ? WHEN (NOT (implementations.name IS NULL OR length(implementations.name) <= ?)) THEN ? '
    'WHEN (NOT (implementations.premium IS NULL OR implementations.premium IN (0, 1))) THEN ? '
    'WHEN (NOT (implementations.audience IS NULL OR length(implementations.audience) <= ?)) THEN '
    '? WHEN (NOT (implementations.content IS NULL OR length(implementations.content) <= ?)) THEN '
    '? WHEN (NOT (implementations.objectives IS NULL OR length(implementations.objectives) <= ?)) '
    'THEN ? WHEN (NOT (implementations.start IS NULL OR date(julianday(implementations.start)) IS '
    'NOT NULL AND date(julianday(implementations.start)) = implementations.start)) THEN ? WHEN '
    '(NOT (implementations."end" IS NULL OR date(julianday(implementations."end")) IS NOT NULL '
    'AND date(julianday(implementations."end")) = implementations."end")) THEN ? WHEN (NOT '
    '(implementations.location IS NULL OR length(implementations.location) <= ?)) THEN ? WHEN '
    '(NOT (implementations.hours IS NULL OR implementations.hours BETWEEN ? AND ? AND '
    'typeof(implementations.hours) = ?)) THEN ? WHEN (NOT (implementations.expense IS NULL OR '
    'implementations.expense BETWEEN ? AND ? AND typeof(implementations.expense) = ?)) THEN ? '
    'WHEN (NOT (implementations.contact IS NULL OR length(implementations.contact) <= ?)) THEN ? '
    'WHEN (NOT (implementations.phone IS NULL OR length(implementations.phone) <= ?)) THEN ? WHEN '
    '(NOT (implementations.start IS NULL OR implementations."end" IS NULL OR '
    'implementations.start <= implementations."end")) THEN ? END AS broken \n'
    'FROM implementations \n'
    'WHERE NOT (length(implementations."plan") BETWEEN ? AND ? AND implementations."plan" = '
    'trim(implementations."plan")) OR NOT (implementations.attendees BETWEEN ? AND ? AND '
    'typeof(implementations.attendees) = ?) OR NOT (implementations.staff BETWEEN ? AND ? AND '
    'typeof(implementations.staff) = ?) OR NOT (implementations.name IS NULL OR '
    'length(implementations.name) <= ?) OR NOT (implementations.premium IS NULL OR '
    'implementations.premium IN (0, 1)) OR NOT (implementations.audience IS NULL OR '
    'length(implementations.audience) <= ?) OR NOT (implementations.content IS NULL OR '
    'length(implementations.content) <= ?) OR NOT (implementations.objectives IS NULL OR '
    'length(implementations.objectives) <= ?) OR NOT (implementations.start IS NULL OR '
    'date(julianday(implementations.start)) IS NOT NULL AND '
    'date(julianday(implementations.start)) = implementations.start) OR NOT '
    '(implementations."end" IS NULL OR date(julianday(implementations."end")) IS NOT NULL AND '
    'date(julianday(implementations."end")) = implementations."end") OR NOT '
    '(implementations.location IS NULL OR length(implementations.location) <= ?) OR NOT '
    '(implementations.hours IS NULL OR implementations.hours BETWEEN ? AND ? AND '
    'typeof(implementations.hours) = ?) OR NOT (implementations.expense IS NULL OR '
    'implementations.expense BETWEEN ? AND ? AND typeof(implementations.expense) = ?) OR NOT '
    '(implementations.contact IS NULL OR length(implementations.contact) <= ?) OR NOT '
    '(implementations.phone IS NULL OR length(implementations.phone) <= ?) OR NOT '
    '(implementations.start IS NULL OR implementations."end" IS NULL OR implementations.start <= '
    'implementations."end") ORDER BY implementations.row_id\n'
    ' LIMIT ? OFFSET ?',
    ('length_1',
     'length_2',
     'param_1',
     'param_2',
     'param_3',
     'typeof_1',
     'param_4',
     'param_5',
     'param_6',
     'typeof_2',
     'param_7',
     'length_3',
     'param_8',
     'param_9',
     'length_4',
     'param_10',
     'length_5',
     'param_11',
     'length_6',
     'param_12',
     'param_13',
     'param_14',
     'length_7',
     'param_15',
     'param_16',
     'param_17',
     'typeof_3',
     'param_18',
     'param_19',
     'param_20',
     'typeof_4',
     'param_21',
     'length_8',
     'param_22',
     'length_9',
     'param_23',
     'param_24',
     'length_1',
     'length_2',
     'param_2',
     'param_3',
     'typeof_1',
     'param_5',
     'param_6',
     'typeof_2',
     'length_3',
     'length_4',
     'length_5',
     'length_6',
     'length_7',
     'param_16',
     'param_17',
     'typeof_3',
     'param_19',
     'param_20',
     'typeof_4',
     'length_8',
     'length_9',
     'param_25',
     'param_26'),
    {'length_1': 1,
     'length_2': 255,
     'length_3': 1000,
     'length_4': 32767,
     'length_5': 32767,
     'length_6': 32767,
     'length_7': 1000,
     'length_8': 1000,
     'length_9': 1000,
     'param_1': 'plan: must be an id of 1 to 255 characters without spaces around it',
     'param_10': 'audience: must be at most 32767 characters',
     'param_11': 'content: must be at most 32767 characters',
     'param_12': 'objectives: must be at most 32767 characters',
     'param_13': 'start: must be a calendar date',
     'param_14': 'end: must be a calendar date',
     'param_15': 'location: must be at most 1000 characters',
     'param_16': 0,
     'param_17': 2000000000,
     'param_18': 'hours: must be hours from 0 to 2000',
     'param_19': 0,
     'param_2': 0,
     'param_20': 999999999999,
     'param_21': 'expense: must be yuan from 0 to 9999999999.99',
     'param_22': 'contact: must be at most 1000 characters',
     'param_23': 'phone: must be at most 1000 characters',
     'param_24': 'end: must be not before start',
     'param_25': 1,
     'param_26': 0,
     'param_3': 10000000,
     'param_4': 'attendees: must be attendees from 0 to 10000000',
     'param_5': 0,
     'param_6': 10000000,
     'param_7': 'staff: must be staff from 0 to 10000000',
     'param_8': 'name: must be at most 1000 characters',
     'param_9': 'premium: must be true or false',
     'typeof_1': 'integer',
     'typeof_2': 'integer',
     'typeof_3': 'integer',
     'typeof_4': 'integer'},
    ('row_id', 'broken'),
    (None, None),
)

SQLITE['guard online_learning'] = (
    'SELECT online_learning.row_id, CASE WHEN (NOT (length(online_learning.person) BETWEEN ? AND '
    '? AND online_learning.person = trim(online_learning.person))) THEN ? WHEN '
    '(length(online_learning.course) > ?) THEN ? WHEN (NOT (date(julianday(online_learning.date)) '
    'IS NOT NULL AND date(julianday(online_learning.date)) = online_learning.date)) THEN ? WHEN '
    '(NOT (online_learning.hours BETWEEN ? AND ? AND typeof(online_learning.hours) = ?)) THEN ? '
    'WHEN (NOT (online_learning.seconds IS NULL OR online_learning.seconds BETWEEN ? AND ? AND '
    'typeof(online_learning.seconds) = ?)) THEN ? END AS broken \n'
    'FROM online_learning \n'
    'WHERE NOT (length(online_learning.person) BETWEEN ? AND ? AND online_learning.person = '
    'trim(online_learning.person)) OR length(online_learning.course) > ? OR NOT '
    '(date(julianday(online_learning.date)) IS NOT NULL AND date(julianday(online_learning.date)) '
    '= online_learning.date) OR NOT (online_learning.hours BETWEEN ? AND ? AND '
    'typeof(online_learning.hours) = ?) OR NOT (online_learning.seconds IS NULL OR '
    'online_learning.seconds BETWEEN ? AND ? AND typeof(online_learning.seconds) = ?) ORDER BY '
    'online_learning.row_id\n'
    ' LIMIT ? OFFSET ?',
    ('length_1',
     'length_2',
     'param_1',
     'length_3',
     'param_2',
     'param_3',
     'param_4',
     'param_5',
     'typeof_1',
     'param_6',
     'param_7',
     'param_8',
     'typeof_2',
     'param_9',
     'length_1',
     'length_2',
     'length_3',
     'param_4',
     'param_5',
     'typeof_1',
     'param_7',
     'param_8',
     'typeof_2',
     'param_10',
     'param_11'),
    {'length_1': 1,
     'length_2': 255,
     'length_3': 1000,
     'param_1': 'person: must be an id of 1 to 255 characters without spaces around it',
     'param_10': 1,
     'param_11': 0,
     'param_2': 'course: must be at most 1000 characters',
     'param_3': 'date: must be a calendar date',
     'param_4': 0,
     'param_5': 2000000000,
     'param_6': 'hours: must be hours from 0 to 2000',
     'param_7': 0,
     'param_8': 86400000000,
     'param_9': 'seconds: must be seconds from 0 to 86400',
     'typeof_1': 'integer',
     'typeof_2': 'integer'},
    ('row_id', 'broken'),
    (None, None),
)

SQLITE['guard online_learning of institute'] = (
    'SELECT online_learning.row_id, CASE WHEN (NOT (length(online_learning.person) BETWEEN ? AND '
    '? AND online_learning.person = trim(online_learning.person))) THEN ? WHEN '
    '(length(online_learning.course) > ?) THEN ? WHEN (NOT (date(julianday(online_learning.date)) '
    'IS NOT NULL AND date(julianday(online_learning.date)) = online_learning.date)) THEN ? WHEN '
    '(NOT (online_learning.hours BETWEEN ? AND ? AND typeof(online_learning.hours) = ?)) THEN ? '
    'WHEN (NOT (online_learning.seconds IS NULL OR online_learning.seconds BETWEEN ? AND ? AND '
    'typeof(online_learning.seconds) = ?)) THEN ? END AS broken \n'
    'FROM online_learning \n'
    'WHERE (NOT (length(online_learning.person) BETWEEN ? AND ? AND online_learning.person = '
    'trim(online_learning.person)) OR length(online_learning.course) > ? OR NOT '
    '(date(julianday(online_learning.date)) IS NOT NULL AND date(julianday(online_learning.date)) '
    '= online_learning.date) OR NOT (online_learning.hours BETWEEN ? AND ? AND '
    'typeof(online_learning.hours) = ?) OR NOT (online_learning.seconds IS NULL OR '
    'online_learning.seconds BETWEEN ? AND ? AND typeof(online_learning.seconds) = ?)) AND '
    'online_learning.person IN (SELECT people.id \n'
    'FROM people \n'
    'WHERE people.institute = ?) ORDER BY online_learning.row_id\n'
    ' LIMIT ? OFFSET ?',
    ('length_1',
     'length_2',
     'param_1',
     'length_3',
     'param_2',
     'param_3',
     'param_4',
     'param_5',
     'typeof_1',
     'param_6',
     'param_7',
     'param_8',
     'typeof_2',
     'param_9',
     'length_1',
     'length_2',
     'length_3',
     'param_4',
     'param_5',
     'typeof_1',
     'param_7',
     'param_8',
     'typeof_2',
     'institute',
     'param_10',
     'param_11'),
    {'length_1': 1,
     'length_2': 255,
     'length_3': 1000,
     'param_1': 'person: must be an id of 1 to 255 characters without spaces around it',
     'param_10': 1,
     'param_11': 0,
     'param_2': 'course: must be at most 1000 characters',
     'param_3': 'date: must be a calendar date',
     'param_4': 0,
     'param_5': 2000000000,
     'param_6': 'hours: must be hours from 0 to 2000',
     'param_7': 0,
     'param_8': 86400000000,
     'param_9': 'seconds: must be seconds from 0 to 86400',
     'typeof_1': 'integer',
     'typeof_2': 'integer'},
    ('row_id', 'broken'),
    (None, None),
)

SQLITE['guard plans'] = (
    'SELECT plans.row_id, CASE WHEN (NOT (length(plans.id) BETWEEN ? AND ? AND plans.id = '
    'trim(plans.id))) THEN ? WHEN (NOT (length(plans.institute) BETWEEN ? AND ? AND '
    'plans.institute = trim(plans.institute))) THEN ? WHEN (length(plans.name) > ?) THEN ? WHEN '
    '((plans.premium NOT IN (0, 1))) THEN ? WHEN (NOT (date(julianday(plans.start)) IS NOT NULL '
    'AND date(julianday(plans.start)) = plans.start)) THEN ? WHEN (NOT '
    '(date(julianday(plans."end")) IS NOT NULL AND date(julianday(plans."end")) = plans."end")) '
    'THEN ? WHEN (NOT (plans.planned_participants BETWEEN ? AND ? AND '
    'typeof(plans.planned_participants) = ?)) THEN ? WHEN (NOT (plans.hours BETWEEN ? AND ? AND '
    'typeof(plans.hours) = ?)) THEN ? WHEN (NOT (plans.expense BETWEEN ? AND ? AND '
    "typeof(plans.expense) = ?)) THEN ? WHEN ((plans.status NOT IN ('draft', 'published'))) THEN "
    "? WHEN ((plans.kind NOT IN ('project'))) THEN ? WHEN (NOT (plans.department IS NULL OR "
    'length(plans.department) BETWEEN ? AND ? AND plans.department = trim(plans.department))) '
    'THEN ? WHEN (NOT (plans.audience IS NULL OR length(plans.audience) <= ?)) THEN ? WHEN (NOT '
    '(plans.content IS NULL OR length(plans.content) <= ?)) THEN ? WHEN (NOT (plans.objectives IS '
    'NULL OR length(plans.objectives) <= ?)) THEN ? WHEN (NOT (plans.location IS NULL OR '
    'length(plans.location) <= ?)) THEN ? WHEN (NOT (plans.contact IS NULL OR '
    'length(plans.contact) <= ?)) THEN ? WHEN (NOT (plans.phone IS NULL OR length(plans.phone) <= '
    '?)) THEN ? WHEN (NOT (plans.effectiveness IS NULL OR length(plans.effectiveness) <= ?)) THEN '
    '? WHEN (NOT (plans.start IS NULL OR plans."end" IS NULL OR plans.start <= plans."end")) THEN '
    '? END AS broken \n'
    'FROM plans \n'
    'WHERE NOT (length(plans.id) BETWEEN ? AND ? AND plans.id = trim(plans.id)) OR NOT '
    '(length(plans.institute) BETWEEN ? AND ? AND plans.institute = trim(plans.institute)) OR '
    'length(plans.name) > ? OR (plans.premium NOT IN (0, 1)) OR NOT (date(julianday(plans.start)) '
    'IS NOT NULL AND date(julianday(plans.start)) = plans.start) OR NOT '
    '(date(julianday(plans."end")) IS NOT NULL AND date(julianday(plans."end")) = plans."end") OR '
    'NOT (plans.planned_participants BETWEEN ? AND ? AND typeof(plans.planned_participants) = ?) '
    'OR NOT (plans.hours BETWEEN ? AND ? AND typeof(plans.hours) = ?) OR NOT (plans.expense '
    "BETWEEN ? AND ? AND typeof(plans.expense) = ?) OR (plans.status NOT IN ('draft', "
    "'published')) OR (plans.kind NOT IN ('project')) OR NOT (plans.department IS NULL OR "
    'length(plans.department) BETWEEN ? AND ? AND plans.department = trim(plans.department)) OR '
    'NOT (plans.audience IS NULL OR length(plans.audience) <= ?) OR NOT (plans.content IS NULL OR '
    'length(plans.content) <= ?) OR NOT (plans.objectives IS NULL OR length(plans.objectives) <= '
    '?) OR NOT (plans.location IS NULL OR length(plans.location) <= ?) OR NOT (plans.contact IS '
    'NULL OR length(plans.contact) <= ?) OR NOT (plans.phone IS NULL OR length(plans.phone) <= ?) '
    'OR NOT (plans.effectiveness IS NULL OR length(plans.effectiveness) <= ?) OR NOT (plans.start '
    'IS NULL OR plans."end" IS NULL OR plans.start <= plans."end") ORDER BY plans.row_id\n'
    ' LIMIT ? OFFSET ?',
    ('length_1',
     'length_2',
     'param_1',
     'length_3',
     'length_4',
     'param_2',
     'length_5',
     'param_3',
     'param_4',
     'param_5',
     'param_6',
     'param_7',
     'param_8',
     'typeof_1',
     'param_9',
     'param_10',
     'param_11',
     'typeof_2',
     'param_12',
     'param_13',
     'param_14',
     'typeof_3',
     'param_15',
     'param_16',
     'param_17',
     'length_6',
     'length_7',
     'param_18',
     'length_8',
     'param_19',
     'length_9',
     'param_20',
     'length_10',
     'param_21',
     'length_11',
     'param_22',
     'length_12',
     'param_23',
     'length_13',
     'param_24',
     'length_14',
     'param_25',
     'param_26',
     'length_1',
     'length_2',
     'length_3',
     'length_4',
     'length_5',
     'param_7',
     'param_8',
     'typeof_1',
     'param_10',
     'param_11',
     'typeof_2',
     'param_13',
     'param_14',
     'typeof_3',
     'length_6',
     'length_7',
     'length_8',
     'length_9',
     'length_10',
     'length_11',
     'length_12',
     'length_13',
     'length_14',
     'param_27',
     'param_28'),
    {'length_1': 1,
     'length_10': 32767,
     'length_11': 1000,
     'length_12': 1000,
     'length_13': 1000,
     'length_14': 32767,
     'length_2': 255,
     'length_3': 1,
     'length_4': 255,
     'length_5': 1000,
     'length_6': 1,
     'length_7': 255,
     'length_8': 32767,
     'length_9': 32767,
     'param_1': 'id: must be an id of 1 to 255 characters without spaces around it',
     'param_10': 0,
     'param_11': 2000000000,
     'param_12': 'hours: must be hours from 0 to 2000',
     'param_13': 0,
     'param_14': 999999999999,
     'param_15': 'expense: must be yuan from 0 to 9999999999.99',
     'param_16': 'status: must be one of draft, published',
     'param_17': 'kind: must be one of project',
     'param_18': 'department: must be an id of 1 to 255 characters without spaces around it',
     'param_19': 'audience: must be at most 32767 characters',
     'param_2': 'institute: must be an id of 1 to 255 characters without spaces around it',
     'param_20': 'content: must be at most 32767 characters',
     'param_21': 'objectives: must be at most 32767 characters',
     'param_22': 'location: must be at most 1000 characters',
     'param_23': 'contact: must be at most 1000 characters',
     'param_24': 'phone: must be at most 1000 characters',
     'param_25': 'effectiveness: must be at most 32767 characters',
     'param_26': 'end: must be not before start',
     'param_27': 1,
     'param_28': 0,
     'param_3': 'name: must be at most 1000 characters',
     'param_4': 'premium: must be true or false',
     'param_5': 'start: must be a calendar date',
     'param_6': 'end: must be a calendar date',
     'param_7': 0,
     'param_8': 10000000,
     'param_9': 'planned_participants: must be planned_participants from 0 to 10000000',
     'typeof_1': 'integer',
     'typeof_2': 'integer',
     'typeof_3': 'integer'},
    ('row_id', 'broken'),
    (None, None),
)

SQLITE['guard plans of institute'] = (
    'SELECT plans.row_id, CASE WHEN (NOT (length(plans.id) BETWEEN ? AND ? AND plans.id = '
    'trim(plans.id))) THEN ? WHEN (NOT (length(plans.institute) BETWEEN ? AND ? AND '
    'plans.institute = trim(plans.institute))) THEN ? WHEN (length(plans.name) > ?) THEN ? WHEN '
    '((plans.premium NOT IN (0, 1))) THEN ? WHEN (NOT (date(julianday(plans.start)) IS NOT NULL '
    'AND date(julianday(plans.start)) = plans.start)) THEN ? WHEN (NOT '
    '(date(julianday(plans."end")) IS NOT NULL AND date(julianday(plans."end")) = plans."end")) '
    'THEN ? WHEN (NOT (plans.planned_participants BETWEEN ? AND ? AND '
    'typeof(plans.planned_participants) = ?)) THEN ? WHEN (NOT (plans.hours BETWEEN ? AND ? AND '
    'typeof(plans.hours) = ?)) THEN ? WHEN (NOT (plans.expense BETWEEN ? AND ? AND '
    "typeof(plans.expense) = ?)) THEN ? WHEN ((plans.status NOT IN ('draft', 'published'))) THEN "
    "? WHEN ((plans.kind NOT IN ('project'))) THEN ? WHEN (NOT (plans.department IS NULL OR "
    'length(plans.department) BETWEEN ? AND ? AND plans.department = trim(plans.department))) '
    'THEN ? WHEN (NOT (plans.audience IS NULL OR length(plans.audience) <= ?)) THEN ? WHEN (NOT '
    '(plans.content IS NULL OR length(plans.content) <= ?)) THEN ? WHEN (NOT (plans.objectives IS '
    'NULL OR length(plans.objectives) <= ?)) THEN ? WHEN (NOT (plans.location IS NULL OR '
    'length(plans.location) <= ?)) THEN ? WHEN (NOT (plans.contact IS NULL OR '
    'length(plans.contact) <= ?)) THEN ? WHEN (NOT (plans.phone IS NULL OR length(plans.phone) <= '
    '?)) THEN ? WHEN (NOT (plans.effectiveness IS NULL OR length(plans.effectiveness) <= ?)) THEN '
    '? WHEN (NOT (plans.start IS NULL OR plans."end" IS NULL OR plans.start <= plans."end")) THEN '
    '? END AS broken \n'
    'FROM plans \n'
    'WHERE NOT (length(plans.id) BETWEEN ? AND ? AND plans.id = trim(plans.id)) OR NOT '
    '(length(plans.institute) BETWEEN ? AND ? AND plans.institute = trim(plans.institute)) OR '
    'length(plans.name) > ? OR (plans.premium NOT IN (0, 1)) OR NOT (date(julianday(plans.start)) '
    'IS NOT NULL AND date(julianday(plans.start)) = plans.start) OR NOT '
    '(date(julianday(plans."end")) IS NOT NULL AND date(julianday(plans."end")) = plans."end") OR '
    'NOT (plans.planned_participants BETWEEN ? AND ? AND typeof(plans.planned_participants) = ?) '
    'OR NOT (plans.hours BETWEEN ? AND ? AND typeof(plans.hours) = ?) OR NOT (plans.expense '
    "BETWEEN ? AND ? AND typeof(plans.expense) = ?) OR (plans.status NOT IN ('draft', "
    "'published')) OR (plans.kind NOT IN ('project')) OR NOT (plans.department IS NULL OR "
    'length(plans.department) BETWEEN ? AND ? AND plans.department = trim(plans.department)) OR '
    'NOT (plans.audience IS NULL OR length(plans.audience) <= ?) OR NOT (plans.content IS NULL OR '
    'length(plans.content) <= ?) OR NOT (plans.objectives IS NULL OR length(plans.objectives) <= '
    '?) OR NOT (plans.location IS NULL OR length(plans.location) <= ?) OR NOT (plans.contact IS '
    'NULL OR length(plans.contact) <= ?) OR NOT (plans.phone IS NULL OR length(plans.phone) <= ?) '
    'OR NOT (plans.effectiveness IS NULL OR length(plans.effectiveness) <= ?) OR NOT (plans.start '
    'IS NULL OR plans."end" IS NULL OR plans.start <= plans."end") ORDER BY plans.row_id\n'
    ' LIMIT ? OFFSET ?',
    ('length_1',
     'length_2',
     'param_1',
     'length_3',
     'length_4',
     'param_2',
     'length_5',
     'param_3',
     'param_4',
     'param_5',
     'param_6',
     'param_7',
     'param_8',
     'typeof_1',
     'param_9',
     'param_10',
     'param_11',
     'typeof_2',
     'param_12',
     'param_13',
     'param_14',
     'typeof_3',
     'param_15',
     'param_16',
     'param_17',
     'length_6',
     'length_7',
     'param_18',
     'length_8',
     'param_19',
     'length_9',
     'param_20',
     'length_10',
     'param_21',
     'length_11',
     'param_22',
     'length_12',
     'param_23',
     'length_13',
     'param_24',
     'length_14',
     'param_25',
     'param_26',
     'length_1',
     'length_2',
     'length_3',
     'length_4',
     'length_5',
     'param_7',
     'param_8',
     'typeof_1',
     'param_10',
     'param_11',
     'typeof_2',
     'param_13',
     'param_14',
     'typeof_3',
     'length_6',
     'length_7',
     'length_8',
     'length_9',
     'length_10',
     'length_11',
     'length_12',
     'length_13',
     'length_14',
     'param_27',
     'param_28'),
    {'length_1': 1,
     'length_10': 32767,
     'length_11': 1000,
     'length_12': 1000,
     'length_13': 1000,
     'length_14': 32767,
     'length_2': 255,
     'length_3': 1,
     'length_4': 255,
     'length_5': 1000,
     'length_6': 1,
     'length_7': 255,
     'length_8': 32767,
     'length_9': 32767,
     'param_1': 'id: must be an id of 1 to 255 characters without spaces around it',
     'param_10': 0,
     'param_11': 2000000000,
     'param_12': 'hours: must be hours from 0 to 2000',
     'param_13': 0,
     'param_14': 999999999999,
     'param_15': 'expense: must be yuan from 0 to 9999999999.99',
     'param_16': 'status: must be one of draft, published',
     'param_17': 'kind: must be one of project',
     'param_18': 'department: must be an id of 1 to 255 characters without spaces around it',
     'param_19': 'audience: must be at most 32767 characters',
     'param_2': 'institute: must be an id of 1 to 255 characters without spaces around it',
     'param_20': 'content: must be at most 32767 characters',
     'param_21': 'objectives: must be at most 32767 characters',
     'param_22': 'location: must be at most 1000 characters',
     'param_23': 'contact: must be at most 1000 characters',
     'param_24': 'phone: must be at most 1000 characters',
     'param_25': 'effectiveness: must be at most 32767 characters',
     'param_26': 'end: must be not before start',
     'param_27': 1,
     'param_28': 0,
     'param_3': 'name: must be at most 1000 characters',
     'param_4': 'premium: must be true or false',
     'param_5': 'start: must be a calendar date',
     'param_6': 'end: must be a calendar date',
     'param_7': 0,
     'param_8': 10000000,
     'param_9': 'planned_participants: must be planned_participants from 0 to 10000000',
     'typeof_1': 'integer',
     'typeof_2': 'integer',
     'typeof_3': 'integer'},
    ('row_id', 'broken'),
    (None, None),
)

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
    'FROM (SELECT attended.person AS person, plans.id AS id, coalesce(implementations.name, '
    'plans.name) AS name, coalesce(implementations.start, plans.start) AS start, '
    'coalesce(implementations."end", plans."end") AS "end", coalesce(implementations.hours, '
    'plans.hours) AS hours \n'
    'FROM (SELECT attendance.person AS person, attendance."plan" AS "plan" \n'
    'FROM attendance \n'
    'WHERE attendance.status = ?) AS attended JOIN plans ON plans.id = attended."plan" LEFT OUTER '
    'JOIN implementations ON implementations."plan" = plans.id \n'
    'WHERE coalesce(implementations."end", plans."end") BETWEEN ? AND ?) AS classes) AS '
    'windowed \n'
    'WHERE windowed.n = ? OR windowed.hours > ?',
    ('status_1', 'low', 'high', 'n_1', 'threshold'),
    {'n_1': 1, 'status_1': 'confirmed'},
    ('person', 'key', 'title', 'first', 'last', 'hours', 'total', 'longest', 'n'),
    (None, None, None, 'day', 'day', 'hours', 'hours', 'hours', None),
)

SQLITE['year end 0 of institute'] = (
    'WITH attended AS MATERIALIZED \n'
    '(SELECT attendance.person AS person, attendance."plan" AS "plan" \n'
    'FROM people JOIN attendance ON attendance.person = people.id \n'
    'WHERE people.institute = ? AND attendance.status = ?)\n'
    ' SELECT windowed.person, windowed."key", windowed.title, windowed.first, windowed.last, '
    'windowed.hours, windowed.total, windowed.longest, windowed.n \n'
    'FROM (SELECT classes.person AS person, classes.id AS "key", classes.name AS title, '
    'classes.start AS first, classes."end" AS last, classes.hours AS hours, sum(classes.hours) '
    'OVER (PARTITION BY classes.person) AS total, max(classes.hours) OVER (PARTITION BY '
    'classes.person) AS longest, row_number() OVER (PARTITION BY classes.person) AS n \n'
    'FROM (SELECT attended.person AS person, plans.id AS id, coalesce(implementations.name, '
    'plans.name) AS name, coalesce(implementations.start, plans.start) AS start, '
    'coalesce(implementations."end", plans."end") AS "end", coalesce(implementations.hours, '
    'plans.hours) AS hours \n'
    'FROM attended JOIN plans ON plans.id = attended."plan" LEFT OUTER JOIN implementations ON '
    'implementations."plan" = plans.id \n'
    'WHERE coalesce(implementations."end", plans."end") BETWEEN ? AND ?) AS classes) AS '
    'windowed \n'
    'WHERE windowed.n = ? OR windowed.hours > ?',
    ('institute', 'status_1', 'low', 'high', 'n_1', 'threshold'),
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
    'WITH approved AS MATERIALIZED \n'
    '(SELECT external_learning.row_id AS row_id, external_learning.id AS id, '
    'external_learning.person AS person, external_learning.category AS category, '
    'external_learning.title AS title, external_learning.start AS start, external_learning."end" '
    'AS "end", external_learning.hours AS hours, external_learning.status AS status, '
    'external_learning.reviewer AS reviewer, external_learning.review_note AS review_note \n'
    'FROM people JOIN external_learning ON external_learning.person = people.id \n'
    'WHERE people.institute = ? AND external_learning.status = ? AND external_learning."end" '
    'BETWEEN ? AND ?)\n'
    ' SELECT windowed.person, windowed."key", windowed.title, windowed.first, windowed.last, '
    'windowed.hours, windowed.total, windowed.longest, windowed.n \n'
    'FROM (SELECT approved.person AS person, approved.id AS "key", approved.title AS title, '
    'approved.start AS first, approved."end" AS last, approved.hours AS hours, '
    'sum(approved.hours) OVER (PARTITION BY approved.person) AS total, max(approved.hours) OVER '
    '(PARTITION BY approved.person) AS longest, row_number() OVER (PARTITION BY approved.person) '
    'AS n \n'
    'FROM approved) AS windowed \n'
    'WHERE windowed.n = ? OR windowed.hours > ?',
    ('institute', 'status_1', 'low', 'high', 'n_1', 'threshold'),
    {'n_1': 1, 'status_1': 'approved'},
    ('person', 'key', 'title', 'first', 'last', 'hours', 'total', 'longest', 'n'),
    (None, None, None, 'day', 'day', 'hours', 'hours', 'hours', None),
)

SQLITE['year end 2'] = (
    'SELECT windowed.person, windowed."key", coalesce((SELECT max(titled.title) AS max_1 \n'
    'FROM online_learning AS titled \n'
    'WHERE titled.person = windowed.person AND titled.course = windowed."key" AND titled.title IS '
    'NOT NULL AND titled.date BETWEEN ? AND ?), windowed."key") AS title, windowed.first, '
    'windowed.last, windowed.hours, windowed.total, windowed.longest, windowed.n \n'
    'FROM (SELECT courses.person AS person, courses.course AS "key", courses.first AS first, '
    'courses.last AS last, courses.hours AS hours, sum(courses.hours) OVER (PARTITION BY '
    'courses.person) AS total, max(courses.hours) OVER (PARTITION BY courses.person) AS longest, '
    'row_number() OVER (PARTITION BY courses.person) AS n \n'
    'FROM (SELECT taken.person AS person, taken.course AS course, min(taken.date) AS first, '
    'max(taken.date) AS last, coalesce(sum(CASE WHEN (taken.seconds IS NULL) THEN taken.hours '
    'END), 0) + coalesce(((sum(taken.seconds) + 18000000) / 36000000 * 10000), 0) AS hours \n'
    'FROM (SELECT online_learning.person AS person, online_learning.course AS course, '
    'online_learning.date AS date, online_learning.hours AS hours, online_learning.seconds AS '
    'seconds \n'
    'FROM online_learning \n'
    'WHERE online_learning.date BETWEEN ? AND ?) AS taken GROUP BY taken.person, taken.course) AS '
    'courses) AS windowed \n'
    'WHERE windowed.n = ? OR windowed.hours > ?',
    ('low', 'high', 'low', 'high', 'n_1', 'threshold'),
    {'n_1': 1},
    ('person', 'key', 'title', 'first', 'last', 'hours', 'total', 'longest', 'n'),
    (None, None, None, 'day', 'day', 'hours', 'hours', 'hours', None),
)

SQLITE['year end 2 of institute'] = (
    'WITH taken AS MATERIALIZED \n'
    '(SELECT online_learning.person AS person, online_learning.course AS course, '
    'online_learning.date AS date, online_learning.hours AS hours, online_learning.seconds AS '
    'seconds \n'
    'FROM people JOIN online_learning ON online_learning.person = people.id \n'
    'WHERE people.institute = ? AND online_learning.date BETWEEN ? AND ?)\n'
    ' SELECT windowed.person, windowed."key", coalesce((SELECT max(titled.title) AS max_1 \n'
    'FROM online_learning AS titled \n'
    'WHERE titled.person = windowed.person AND titled.course = windowed."key" AND titled.title IS '
    'NOT NULL AND titled.date BETWEEN ? AND ?), windowed."key") AS title, windowed.first, '
    'windowed.last, windowed.hours, windowed.total, windowed.longest, windowed.n \n'
    'FROM (SELECT courses.person AS person, courses.course AS "key", courses.first AS first, '
    'courses.last AS last, courses.hours AS hours, sum(courses.hours) OVER (PARTITION BY '
    'courses.person) AS total, max(courses.hours) OVER (PARTITION BY courses.person) AS longest, '
    'row_number() OVER (PARTITION BY courses.person) AS n \n'
    'FROM (SELECT taken.person AS person, taken.course AS course, min(taken.date) AS first, '
    'max(taken.date) AS last, coalesce(sum(CASE WHEN (taken.seconds IS NULL) THEN taken.hours '
    'END), 0) + coalesce(((sum(taken.seconds) + 18000000) / 36000000 * 10000), 0) AS hours \n'
    'FROM taken GROUP BY taken.person, taken.course) AS courses) AS windowed \n'
    'WHERE windowed.n = ? OR windowed.hours > ?',
    ('institute', 'low', 'high', 'low', 'high', 'n_1', 'threshold'),
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
    'FROM (SELECT attended.person AS person, plans.id AS id, coalesce(implementations.name, '
    'plans.name) AS name, coalesce(implementations.start, plans.start) AS start, '
    'coalesce(implementations."end", plans."end") AS "end", coalesce(implementations.hours, '
    'plans.hours) AS hours \n'
    'FROM (SELECT attendance.person AS person, attendance."plan" AS "plan" \n'
    'FROM attendance \n'
    'WHERE attendance.status = ?) AS attended JOIN plans ON plans.id = attended."plan" LEFT OUTER '
    'JOIN implementations ON implementations."plan" = plans.id \n'
    'WHERE coalesce(implementations.start, plans.start) BETWEEN ? AND ?) AS classes) AS '
    'windowed \n'
    'WHERE windowed.n = ? OR windowed.hours > ?',
    ('status_1', 'low', 'high', 'n_1', 'threshold'),
    {'n_1': 1, 'status_1': 'confirmed'},
    ('person', 'key', 'title', 'first', 'last', 'hours', 'total', 'longest', 'n'),
    (None, None, None, 'day', 'day', 'hours', 'hours', 'hours', None),
)

SQLITE['year start 0 of institute'] = (
    'WITH attended AS MATERIALIZED \n'
    '(SELECT attendance.person AS person, attendance."plan" AS "plan" \n'
    'FROM people JOIN attendance ON attendance.person = people.id \n'
    'WHERE people.institute = ? AND attendance.status = ?)\n'
    ' SELECT windowed.person, windowed."key", windowed.title, windowed.first, windowed.last, '
    'windowed.hours, windowed.total, windowed.longest, windowed.n \n'
    'FROM (SELECT classes.person AS person, classes.id AS "key", classes.name AS title, '
    'classes.start AS first, classes."end" AS last, classes.hours AS hours, sum(classes.hours) '
    'OVER (PARTITION BY classes.person) AS total, max(classes.hours) OVER (PARTITION BY '
    'classes.person) AS longest, row_number() OVER (PARTITION BY classes.person) AS n \n'
    'FROM (SELECT attended.person AS person, plans.id AS id, coalesce(implementations.name, '
    'plans.name) AS name, coalesce(implementations.start, plans.start) AS start, '
    'coalesce(implementations."end", plans."end") AS "end", coalesce(implementations.hours, '
    'plans.hours) AS hours \n'
    'FROM attended JOIN plans ON plans.id = attended."plan" LEFT OUTER JOIN implementations ON '
    'implementations."plan" = plans.id \n'
    'WHERE coalesce(implementations.start, plans.start) BETWEEN ? AND ?) AS classes) AS '
    'windowed \n'
    'WHERE windowed.n = ? OR windowed.hours > ?',
    ('institute', 'status_1', 'low', 'high', 'n_1', 'threshold'),
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
    'WITH approved AS MATERIALIZED \n'
    '(SELECT external_learning.row_id AS row_id, external_learning.id AS id, '
    'external_learning.person AS person, external_learning.category AS category, '
    'external_learning.title AS title, external_learning.start AS start, external_learning."end" '
    'AS "end", external_learning.hours AS hours, external_learning.status AS status, '
    'external_learning.reviewer AS reviewer, external_learning.review_note AS review_note \n'
    'FROM people JOIN external_learning ON external_learning.person = people.id \n'
    'WHERE people.institute = ? AND external_learning.status = ? AND external_learning.start '
    'BETWEEN ? AND ?)\n'
    ' SELECT windowed.person, windowed."key", windowed.title, windowed.first, windowed.last, '
    'windowed.hours, windowed.total, windowed.longest, windowed.n \n'
    'FROM (SELECT approved.person AS person, approved.id AS "key", approved.title AS title, '
    'approved.start AS first, approved."end" AS last, approved.hours AS hours, '
    'sum(approved.hours) OVER (PARTITION BY approved.person) AS total, max(approved.hours) OVER '
    '(PARTITION BY approved.person) AS longest, row_number() OVER (PARTITION BY approved.person) '
    'AS n \n'
    'FROM approved) AS windowed \n'
    'WHERE windowed.n = ? OR windowed.hours > ?',
    ('institute', 'status_1', 'low', 'high', 'n_1', 'threshold'),
    {'n_1': 1, 'status_1': 'approved'},
    ('person', 'key', 'title', 'first', 'last', 'hours', 'total', 'longest', 'n'),
    (None, None, None, 'day', 'day', 'hours', 'hours', 'hours', None),
)

SQLITE['year start 2'] = (
    'SELECT windowed.person, windowed."key", coalesce((SELECT max(titled.title) AS max_1 \n'
    'FROM online_learning AS titled \n'
    'WHERE titled.person = windowed.person AND titled.course = windowed."key" AND titled.title IS '
    'NOT NULL AND titled.date BETWEEN ? AND ?), windowed."key") AS title, windowed.first, '
    'windowed.last, windowed.hours, windowed.total, windowed.longest, windowed.n \n'
    'FROM (SELECT courses.person AS person, courses.course AS "key", courses.first AS first, '
    'courses.last AS last, courses.hours AS hours, sum(courses.hours) OVER (PARTITION BY '
    'courses.person) AS total, max(courses.hours) OVER (PARTITION BY courses.person) AS longest, '
    'row_number() OVER (PARTITION BY courses.person) AS n \n'
    'FROM (SELECT taken.person AS person, taken.course AS course, min(taken.date) AS first, '
    'max(taken.date) AS last, coalesce(sum(CASE WHEN (taken.seconds IS NULL) THEN taken.hours '
    'END), 0) + coalesce(((sum(taken.seconds) + 18000000) / 36000000 * 10000), 0) AS hours \n'
    'FROM (SELECT online_learning.person AS person, online_learning.course AS course, '
    'online_learning.date AS date, online_learning.hours AS hours, online_learning.seconds AS '
    'seconds \n'
    'FROM online_learning \n'
    'WHERE online_learning.date BETWEEN ? AND ?) AS taken GROUP BY taken.person, taken.course) AS '
    'courses) AS windowed \n'
    'WHERE windowed.n = ? OR windowed.hours > ?',
    ('low', 'high', 'low', 'high', 'n_1', 'threshold'),
    {'n_1': 1},
    ('person', 'key', 'title', 'first', 'last', 'hours', 'total', 'longest', 'n'),
    (None, None, None, 'day', 'day', 'hours', 'hours', 'hours', None),
)

SQLITE['year start 2 of institute'] = (
    'WITH taken AS MATERIALIZED \n'
    '(SELECT online_learning.person AS person, online_learning.course AS course, '
    'online_learning.date AS date, online_learning.hours AS hours, online_learning.seconds AS '
    'seconds \n'
    'FROM people JOIN online_learning ON online_learning.person = people.id \n'
    'WHERE people.institute = ? AND online_learning.date BETWEEN ? AND ?)\n'
    ' SELECT windowed.person, windowed."key", coalesce((SELECT max(titled.title) AS max_1 \n'
    'FROM online_learning AS titled \n'
    'WHERE titled.person = windowed.person AND titled.course = windowed."key" AND titled.title IS '
    'NOT NULL AND titled.date BETWEEN ? AND ?), windowed."key") AS title, windowed.first, '
    'windowed.last, windowed.hours, windowed.total, windowed.longest, windowed.n \n'
    'FROM (SELECT courses.person AS person, courses.course AS "key", courses.first AS first, '
    'courses.last AS last, courses.hours AS hours, sum(courses.hours) OVER (PARTITION BY '
    'courses.person) AS total, max(courses.hours) OVER (PARTITION BY courses.person) AS longest, '
    'row_number() OVER (PARTITION BY courses.person) AS n \n'
    'FROM (SELECT taken.person AS person, taken.course AS course, min(taken.date) AS first, '
    'max(taken.date) AS last, coalesce(sum(CASE WHEN (taken.seconds IS NULL) THEN taken.hours '
    'END), 0) + coalesce(((sum(taken.seconds) + 18000000) / 36000000 * 10000), 0) AS hours \n'
    'FROM taken GROUP BY taken.person, taken.course) AS courses) AS windowed \n'
    'WHERE windowed.n = ? OR windowed.hours > ?',
    ('institute', 'low', 'high', 'low', 'high', 'n_1', 'threshold'),
    {'n_1': 1},
    ('person', 'key', 'title', 'first', 'last', 'hours', 'total', 'longest', 'n'),
    (None, None, None, 'day', 'day', 'hours', 'hours', 'hours', None),
)
