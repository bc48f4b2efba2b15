CREATE TABLE zq0001_audit_events (
	row_id INTEGER NOT NULL, 
	at VARCHAR(40) NOT NULL, 
	actor VARCHAR(255) NOT NULL, 
	role VARCHAR(20), 
	action VARCHAR(40) NOT NULL, 
	record VARCHAR(1000) NOT NULL, 
	"before" TEXT, 
	"after" TEXT, 
	institute VARCHAR(255), 
	outcome VARCHAR(10) NOT NULL, 
	reason TEXT, 
	PRIMARY KEY (row_id), 
	CONSTRAINT zq0001_audit_outcome CHECK (outcome IN ('done', 'denied'))
);

CREATE INDEX zq0001_audit_events_institute_row_id ON zq0001_audit_events (institute, row_id);

CREATE TABLE zq0001_institutes (
	row_id INTEGER NOT NULL, 
	code VARCHAR(255) NOT NULL, 
	name VARCHAR(1000) NOT NULL, 
	PRIMARY KEY (row_id), 
	CONSTRAINT zq0001_institutes_key UNIQUE (code)
);

CREATE TABLE zq0001_departments (
	row_id INTEGER NOT NULL, 
	id VARCHAR(255) NOT NULL, 
	institute VARCHAR(255) NOT NULL, 
	name VARCHAR(1000) NOT NULL, 
	PRIMARY KEY (row_id), 
	CONSTRAINT zq0001_departments_key UNIQUE (id), 
	CONSTRAINT zq0001_departments_institute_fk FOREIGN KEY(institute) REFERENCES zq0001_institutes (code)
);

CREATE INDEX zq0001_departments_institute ON zq0001_departments (institute);

CREATE TABLE zq0001_summaries (
	row_id INTEGER NOT NULL, 
	institute VARCHAR(255) NOT NULL, 
	year INTEGER NOT NULL, 
	total_investment BIGINT, 
	total_person_times INTEGER, 
	status VARCHAR(20) NOT NULL, 
	figures TEXT, 
	submitted_on VARCHAR(10), 
	PRIMARY KEY (row_id), 
	CONSTRAINT zq0001_summaries_year_year CHECK (year >= 1 AND year <= 9999), 
	CONSTRAINT zq0001_summaries_total_investment_bounds1 CHECK (total_investment IS NULL OR (total_investment >= 0 AND total_investment <= 999999999999.00 AND typeof(total_investment) = 'integer')), 
	CONSTRAINT zq0001_summaries_total_person_times_count CHECK (total_person_times >= 0 AND total_person_times <= 10000000), 
	CONSTRAINT zq0001_summaries_status_in CHECK (status IN ('draft', 'submitted')), 
	CONSTRAINT zq0001_summaries_submitted_on_date CHECK (submitted_on IS NULL OR date(julianday(submitted_on)) IS submitted_on), 
	CONSTRAINT zq0001_summaries_key UNIQUE (institute, year), 
	CONSTRAINT zq0001_summaries_institute_fk FOREIGN KEY(institute) REFERENCES zq0001_institutes (code)
);

CREATE TABLE zq0001_people (
	row_id INTEGER NOT NULL, 
	id VARCHAR(255) NOT NULL, 
	institute VARCHAR(255) NOT NULL, 
	name VARCHAR(1000) NOT NULL, 
	in_service BOOLEAN NOT NULL, 
	hours_required BOOLEAN NOT NULL, 
	department VARCHAR(255), 
	email VARCHAR(1000), 
	hire_date VARCHAR(10), 
	category VARCHAR(1000), 
	PRIMARY KEY (row_id), 
	CONSTRAINT zq0001_people_hire_date_date CHECK (hire_date IS NULL OR date(julianday(hire_date)) IS hire_date), 
	CONSTRAINT zq0001_people_key UNIQUE (id), 
	CONSTRAINT zq0001_people_institute_fk FOREIGN KEY(institute) REFERENCES zq0001_institutes (code), 
	CONSTRAINT zq0001_people_department_fk FOREIGN KEY(department) REFERENCES zq0001_departments (id), 
	CONSTRAINT zq0001_people_in_service_flag CHECK (in_service IN (0, 1)), 
	CONSTRAINT zq0001_people_hours_required_flag CHECK (hours_required IN (0, 1))
);

CREATE INDEX zq0001_people_institute ON zq0001_people (institute);

CREATE TABLE zq0001_plans (
	row_id INTEGER NOT NULL, 
	id VARCHAR(255) NOT NULL, 
	institute VARCHAR(255) NOT NULL, 
	name VARCHAR(1000) NOT NULL, 
	premium BOOLEAN NOT NULL, 
	start VARCHAR(10) NOT NULL, 
	"end" VARCHAR(10) NOT NULL, 
	planned_participants INTEGER NOT NULL, 
	hours BIGINT NOT NULL, 
	expense BIGINT NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	department VARCHAR(255), 
	audience TEXT, 
	content TEXT, 
	objectives TEXT, 
	location VARCHAR(1000), 
	contact VARCHAR(1000), 
	phone VARCHAR(1000), 
	effectiveness TEXT, 
	PRIMARY KEY (row_id), 
	CONSTRAINT zq0001_plans_start_date CHECK (start IS NULL OR date(julianday(start)) IS start), 
	CONSTRAINT zq0001_plans_end_date CHECK ("end" IS NULL OR date(julianday("end")) IS "end"), 
	CONSTRAINT zq0001_plans_planned_participants_count CHECK (planned_participants >= 0 AND planned_participants <= 10000000), 
	CONSTRAINT zq0001_plans_hours_bounds1 CHECK (hours IS NULL OR (hours >= 0 AND hours <= 2000000000 AND typeof(hours) = 'integer')), 
	CONSTRAINT zq0001_plans_expense_bounds1 CHECK (expense IS NULL OR (expense >= 0 AND expense <= 999999999999.00 AND typeof(expense) = 'integer')), 
	CONSTRAINT zq0001_plans_status_in CHECK (status IN ('draft', 'published')), 
	CONSTRAINT zq0001_plans_kind_in CHECK (kind IN ('project')), 
	CONSTRAINT zq0001_plans_key UNIQUE (id), 
	CONSTRAINT zq0001_plans_institute_fk FOREIGN KEY(institute) REFERENCES zq0001_institutes (code), 
	CONSTRAINT zq0001_plans_department_fk FOREIGN KEY(department) REFERENCES zq0001_departments (id), 
	CONSTRAINT zq0001_plans_premium_flag CHECK (premium IN (0, 1))
);

CREATE INDEX zq0001_plans_institute ON zq0001_plans (institute);

CREATE TABLE zq0001_accounts (
	row_id INTEGER NOT NULL, 
	username VARCHAR(255) NOT NULL, 
	institute VARCHAR(255) NOT NULL, 
	person VARCHAR(255), 
	password_hash VARCHAR(500) NOT NULL, 
	must_change_password BOOLEAN NOT NULL, 
	failed_logins INTEGER NOT NULL, 
	locked_until VARCHAR(40), 
	grants TEXT NOT NULL, 
	PRIMARY KEY (row_id), 
	CONSTRAINT zq0001_accounts_failed_logins CHECK (failed_logins >= 0), 
	CONSTRAINT zq0001_accounts_key UNIQUE (username), 
	CONSTRAINT zq0001_accounts_institute_fk FOREIGN KEY(institute) REFERENCES zq0001_institutes (code), 
	CONSTRAINT zq0001_accounts_person_fk FOREIGN KEY(person) REFERENCES zq0001_people (id), 
	CONSTRAINT zq0001_accounts_must_change_flag CHECK (must_change_password IN (0, 1))
);

CREATE INDEX zq0001_accounts_institute ON zq0001_accounts (institute);

CREATE INDEX zq0001_accounts_person ON zq0001_accounts (person);

CREATE TABLE zq0001_attendance (
	row_id INTEGER NOT NULL, 
	"plan" VARCHAR(255) NOT NULL, 
	person VARCHAR(255) NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	PRIMARY KEY (row_id), 
	CONSTRAINT zq0001_attendance_status_in CHECK (status IN ('added', 'confirmed')), 
	CONSTRAINT zq0001_attendance_key UNIQUE ("plan", person), 
	CONSTRAINT zq0001_attendance_plan_fk FOREIGN KEY("plan") REFERENCES zq0001_plans (id), 
	CONSTRAINT zq0001_attendance_person_fk FOREIGN KEY(person) REFERENCES zq0001_people (id)
);

CREATE INDEX zq0001_attendance_person ON zq0001_attendance (person);

CREATE TABLE zq0001_backbone_reports (
	row_id INTEGER NOT NULL, 
	institute VARCHAR(255) NOT NULL, 
	year INTEGER NOT NULL, 
	person VARCHAR(255) NOT NULL, 
	reported_on VARCHAR(10), 
	PRIMARY KEY (row_id), 
	CONSTRAINT zq0001_backbone_reports_year_year CHECK (year >= 1 AND year <= 9999), 
	CONSTRAINT zq0001_backbone_reports_reported_on_date CHECK (reported_on IS NULL OR date(julianday(reported_on)) IS reported_on), 
	CONSTRAINT zq0001_backbone_reports_key UNIQUE (institute, year, person), 
	CONSTRAINT zq0001_backbone_reports_institute_fk FOREIGN KEY(institute) REFERENCES zq0001_institutes (code), 
	CONSTRAINT zq0001_backbone_reports_person_fk FOREIGN KEY(person) REFERENCES zq0001_people (id)
);

CREATE TABLE zq0001_external_learning (
	row_id INTEGER NOT NULL, 
	id VARCHAR(255) NOT NULL, 
	person VARCHAR(255) NOT NULL, 
	category VARCHAR(1000) NOT NULL, 
	title VARCHAR(1000) NOT NULL, 
	start VARCHAR(10) NOT NULL, 
	"end" VARCHAR(10) NOT NULL, 
	hours BIGINT NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	reviewer VARCHAR(255), 
	review_note TEXT, 
	PRIMARY KEY (row_id), 
	CONSTRAINT zq0001_external_learning_start_date CHECK (start IS NULL OR date(julianday(start)) IS start), 
	CONSTRAINT zq0001_external_learning_end_date CHECK ("end" IS NULL OR date(julianday("end")) IS "end"), 
	CONSTRAINT zq0001_external_learning_hours_bounds1 CHECK (hours IS NULL OR (hours >= 0 AND hours <= 2000000000 AND typeof(hours) = 'integer')), 
	CONSTRAINT zq0001_external_learning_status_in CHECK (status IN ('pending', 'approved', 'rejected')), 
	CONSTRAINT zq0001_external_learning_key UNIQUE (id), 
	CONSTRAINT zq0001_external_learning_person_fk FOREIGN KEY(person) REFERENCES zq0001_people (id)
);

CREATE INDEX zq0001_external_learning_person_status ON zq0001_external_learning (person, status);

CREATE TABLE zq0001_implementations (
	row_id INTEGER NOT NULL, 
	"plan" VARCHAR(255) NOT NULL, 
	attendees INTEGER NOT NULL, 
	staff INTEGER NOT NULL, 
	name VARCHAR(1000), 
	premium BOOLEAN, 
	audience TEXT, 
	content TEXT, 
	objectives TEXT, 
	start VARCHAR(10), 
	"end" VARCHAR(10), 
	location VARCHAR(1000), 
	hours BIGINT, 
	expense BIGINT, 
	contact VARCHAR(1000), 
	phone VARCHAR(1000), 
	PRIMARY KEY (row_id), 
	CONSTRAINT zq0001_implementations_attendees_count CHECK (attendees >= 0 AND attendees <= 10000000), 
	CONSTRAINT zq0001_implementations_staff_count CHECK (staff >= 0 AND staff <= 10000000), 
	CONSTRAINT zq0001_implementations_start_date CHECK (start IS NULL OR date(julianday(start)) IS start), 
	CONSTRAINT zq0001_implementations_end_date CHECK ("end" IS NULL OR date(julianday("end")) IS "end"), 
	CONSTRAINT zq0001_implementations_hours_bounds1 CHECK (hours IS NULL OR (hours >= 0 AND hours <= 2000000000 AND typeof(hours) = 'integer')), 
	CONSTRAINT zq0001_implementations_expense_bounds1 CHECK (expense IS NULL OR (expense >= 0 AND expense <= 999999999999.00 AND typeof(expense) = 'integer')), 
	CONSTRAINT zq0001_implementations_key UNIQUE ("plan"), 
	CONSTRAINT zq0001_implementations_plan_fk FOREIGN KEY("plan") REFERENCES zq0001_plans (id) ON DELETE CASCADE, 
	CONSTRAINT zq0001_implementations_premium_flag CHECK (premium IN (0, 1))
);

CREATE TABLE zq0001_online_learning (
	row_id INTEGER NOT NULL, 
	person VARCHAR(255) NOT NULL, 
	course VARCHAR(1000) NOT NULL, 
	date VARCHAR(10) NOT NULL, 
	hours BIGINT NOT NULL, 
	title VARCHAR(1000), 
	session VARCHAR(255), 
	PRIMARY KEY (row_id), 
	CONSTRAINT zq0001_online_learning_date_date CHECK (date IS NULL OR date(julianday(date)) IS date), 
	CONSTRAINT zq0001_online_learning_hours_bounds1 CHECK (hours IS NULL OR (hours >= 0 AND hours <= 24000000 AND typeof(hours) = 'integer')), 
	CONSTRAINT zq0001_online_learning_person_fk FOREIGN KEY(person) REFERENCES zq0001_people (id)
);

CREATE UNIQUE INDEX zq0001_online_learning_key ON zq0001_online_learning (session) WHERE session IS NOT NULL;

CREATE INDEX zq0001_online_learning_person ON zq0001_online_learning (person);
