CREATE TABLE zq0001_audit_events (
	row_id BIGINT NOT NULL AUTO_INCREMENT, 
	at VARCHAR(40) NOT NULL, 
	actor VARCHAR(255) NOT NULL, 
	role VARCHAR(20), 
	action VARCHAR(40) NOT NULL, 
	record VARCHAR(1000) NOT NULL, 
	`before` TEXT(32767), 
	after TEXT(32767), 
	institute VARCHAR(255), 
	outcome VARCHAR(10) NOT NULL, 
	reason TEXT(32767), 
	PRIMARY KEY (row_id), 
	CONSTRAINT zq0001_audit_outcome CHECK (outcome IN ('done', 'denied'))
)CHARSET=utf8mb4 ENGINE=InnoDB COLLATE utf8mb4_bin;

CREATE INDEX zq0001_audit_events_institute_row_id ON zq0001_audit_events (institute, row_id);

CREATE TABLE zq0001_institutes (
	row_id BIGINT NOT NULL AUTO_INCREMENT, 
	code VARCHAR(255) NOT NULL, 
	name VARCHAR(1000) NOT NULL, 
	PRIMARY KEY (row_id), 
	CONSTRAINT zq0001_institutes_key UNIQUE (code)
)CHARSET=utf8mb4 ENGINE=InnoDB COLLATE utf8mb4_bin;

CREATE TABLE zq0001_departments (
	row_id BIGINT NOT NULL AUTO_INCREMENT, 
	id VARCHAR(255) NOT NULL, 
	institute VARCHAR(255) NOT NULL, 
	name VARCHAR(1000) NOT NULL, 
	PRIMARY KEY (row_id), 
	CONSTRAINT zq0001_departments_key UNIQUE (id), 
	CONSTRAINT zq0001_departments_institute_fk FOREIGN KEY(institute) REFERENCES zq0001_institutes (code)
)CHARSET=utf8mb4 ENGINE=InnoDB COLLATE utf8mb4_bin;

CREATE INDEX zq0001_departments_institute ON zq0001_departments (institute);

CREATE TABLE zq0001_summaries (
	row_id BIGINT NOT NULL AUTO_INCREMENT, 
	institute VARCHAR(255) NOT NULL, 
	year INTEGER NOT NULL, 
	total_investment NUMERIC(12, 2), 
	total_person_times INTEGER, 
	status VARCHAR(20) NOT NULL, 
	figures TEXT(32767), 
	submitted_on DATE, 
	PRIMARY KEY (row_id), 
	CONSTRAINT zq0001_summaries_year_year CHECK (year >= 1 AND year <= 9999), 
	CONSTRAINT zq0001_summaries_total_investment_bounds0 CHECK (total_investment >= 0 AND total_investment <= 9999999999.99), 
	CONSTRAINT zq0001_summaries_total_person_times_count CHECK (total_person_times >= 0 AND total_person_times <= 10000000), 
	CONSTRAINT zq0001_summaries_status_in CHECK (status IN ('draft', 'submitted')), 
	CONSTRAINT zq0001_summaries_key UNIQUE (institute, year), 
	CONSTRAINT zq0001_summaries_institute_fk FOREIGN KEY(institute) REFERENCES zq0001_institutes (code)
)CHARSET=utf8mb4 ENGINE=InnoDB COLLATE utf8mb4_bin;

CREATE TABLE zq0001_people (
	row_id BIGINT NOT NULL AUTO_INCREMENT, 
	id VARCHAR(255) NOT NULL, 
	institute VARCHAR(255) NOT NULL, 
	name VARCHAR(1000) NOT NULL, 
	in_service BOOL NOT NULL, 
	hours_required BOOL NOT NULL, 
	department VARCHAR(255), 
	email VARCHAR(1000), 
	hire_date DATE, 
	category VARCHAR(1000), 
	PRIMARY KEY (row_id), 
	CONSTRAINT zq0001_people_key UNIQUE (id), 
	CONSTRAINT zq0001_people_institute_fk FOREIGN KEY(institute) REFERENCES zq0001_institutes (code), 
	CONSTRAINT zq0001_people_department_fk FOREIGN KEY(department) REFERENCES zq0001_departments (id), 
	CONSTRAINT zq0001_people_in_service_flag CHECK (in_service IN (0, 1)), 
	CONSTRAINT zq0001_people_hours_required_flag CHECK (hours_required IN (0, 1))
)CHARSET=utf8mb4 ENGINE=InnoDB COLLATE utf8mb4_bin;

CREATE INDEX zq0001_people_institute ON zq0001_people (institute);

CREATE TABLE zq0001_plans (
	row_id BIGINT NOT NULL AUTO_INCREMENT, 
	id VARCHAR(255) NOT NULL, 
	institute VARCHAR(255) NOT NULL, 
	name VARCHAR(1000) NOT NULL, 
	premium BOOL NOT NULL, 
	start DATE NOT NULL, 
	end DATE NOT NULL, 
	planned_participants INTEGER NOT NULL, 
	hours NUMERIC(10, 6) NOT NULL, 
	expense NUMERIC(12, 2) NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	department VARCHAR(255), 
	audience TEXT(32767), 
	content TEXT(32767), 
	objectives TEXT(32767), 
	location VARCHAR(1000), 
	contact VARCHAR(1000), 
	phone VARCHAR(1000), 
	effectiveness TEXT(32767), 
	PRIMARY KEY (row_id), 
	CONSTRAINT zq0001_plans_planned_participants_count CHECK (planned_participants >= 0 AND planned_participants <= 10000000), 
	CONSTRAINT zq0001_plans_hours_bounds0 CHECK (hours >= 0 AND hours <= 2000), 
	CONSTRAINT zq0001_plans_expense_bounds0 CHECK (expense >= 0 AND expense <= 9999999999.99), 
	CONSTRAINT zq0001_plans_status_in CHECK (status IN ('draft', 'published')), 
	CONSTRAINT zq0001_plans_kind_in CHECK (kind IN ('project')), 
	CONSTRAINT zq0001_plans_key UNIQUE (id), 
	CONSTRAINT zq0001_plans_institute_fk FOREIGN KEY(institute) REFERENCES zq0001_institutes (code), 
	CONSTRAINT zq0001_plans_department_fk FOREIGN KEY(department) REFERENCES zq0001_departments (id), 
	CONSTRAINT zq0001_plans_premium_flag CHECK (premium IN (0, 1))
)CHARSET=utf8mb4 ENGINE=InnoDB COLLATE utf8mb4_bin;

CREATE INDEX zq0001_plans_institute ON zq0001_plans (institute);

CREATE TABLE zq0001_accounts (
	row_id BIGINT NOT NULL AUTO_INCREMENT, 
	username VARCHAR(255) NOT NULL, 
	institute VARCHAR(255) NOT NULL, 
	person VARCHAR(255), 
	password_hash VARCHAR(500) NOT NULL, 
	must_change_password BOOL NOT NULL, 
	failed_logins INTEGER NOT NULL, 
	locked_until VARCHAR(40), 
	grants TEXT(32767) NOT NULL, 
	PRIMARY KEY (row_id), 
	CONSTRAINT zq0001_accounts_failed_logins CHECK (failed_logins >= 0), 
	CONSTRAINT zq0001_accounts_key UNIQUE (username), 
	CONSTRAINT zq0001_accounts_institute_fk FOREIGN KEY(institute) REFERENCES zq0001_institutes (code), 
	CONSTRAINT zq0001_accounts_person_fk FOREIGN KEY(person) REFERENCES zq0001_people (id), 
	CONSTRAINT zq0001_accounts_must_change_flag CHECK (must_change_password IN (0, 1))
)CHARSET=utf8mb4 ENGINE=InnoDB COLLATE utf8mb4_bin;

CREATE INDEX zq0001_accounts_institute ON zq0001_accounts (institute);

CREATE INDEX zq0001_accounts_person ON zq0001_accounts (person);

CREATE TABLE zq0001_attendance (
	row_id BIGINT NOT NULL AUTO_INCREMENT, 
	plan VARCHAR(255) NOT NULL, 
	person VARCHAR(255) NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	PRIMARY KEY (row_id), 
	CONSTRAINT zq0001_attendance_status_in CHECK (status IN ('added', 'confirmed')), 
	CONSTRAINT zq0001_attendance_key UNIQUE (plan, person), 
	CONSTRAINT zq0001_attendance_plan_fk FOREIGN KEY(plan) REFERENCES zq0001_plans (id), 
	CONSTRAINT zq0001_attendance_person_fk FOREIGN KEY(person) REFERENCES zq0001_people (id)
)CHARSET=utf8mb4 ENGINE=InnoDB COLLATE utf8mb4_bin;

CREATE INDEX zq0001_attendance_person ON zq0001_attendance (person);

CREATE TABLE zq0001_backbone_reports (
	row_id BIGINT NOT NULL AUTO_INCREMENT, 
	institute VARCHAR(255) NOT NULL, 
	year INTEGER NOT NULL, 
	person VARCHAR(255) NOT NULL, 
	reported_on DATE, 
	PRIMARY KEY (row_id), 
	CONSTRAINT zq0001_backbone_reports_year_year CHECK (year >= 1 AND year <= 9999), 
	CONSTRAINT zq0001_backbone_reports_key UNIQUE (institute, year, person), 
	CONSTRAINT zq0001_backbone_reports_institute_fk FOREIGN KEY(institute) REFERENCES zq0001_institutes (code), 
	CONSTRAINT zq0001_backbone_reports_person_fk FOREIGN KEY(person) REFERENCES zq0001_people (id)
)CHARSET=utf8mb4 ENGINE=InnoDB COLLATE utf8mb4_bin;

CREATE TABLE zq0001_external_learning (
	row_id BIGINT NOT NULL AUTO_INCREMENT, 
	id VARCHAR(255) NOT NULL, 
	person VARCHAR(255) NOT NULL, 
	category VARCHAR(1000) NOT NULL, 
	title VARCHAR(1000) NOT NULL, 
	start DATE NOT NULL, 
	end DATE NOT NULL, 
	hours NUMERIC(10, 6) NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	reviewer VARCHAR(255), 
	review_note TEXT(32767), 
	PRIMARY KEY (row_id), 
	CONSTRAINT zq0001_external_learning_hours_bounds0 CHECK (hours >= 0 AND hours <= 2000), 
	CONSTRAINT zq0001_external_learning_status_in CHECK (status IN ('pending', 'approved', 'rejected')), 
	CONSTRAINT zq0001_external_learning_key UNIQUE (id), 
	CONSTRAINT zq0001_external_learning_person_fk FOREIGN KEY(person) REFERENCES zq0001_people (id)
)CHARSET=utf8mb4 ENGINE=InnoDB COLLATE utf8mb4_bin;

CREATE INDEX zq0001_external_learning_person_status ON zq0001_external_learning (person, status);

CREATE TABLE zq0001_implementations (
	row_id BIGINT NOT NULL AUTO_INCREMENT, 
	plan VARCHAR(255) NOT NULL, 
	attendees INTEGER NOT NULL, 
	staff INTEGER NOT NULL, 
	name VARCHAR(1000), 
	premium BOOL, 
	audience TEXT(32767), 
	content TEXT(32767), 
	objectives TEXT(32767), 
	start DATE, 
	end DATE, 
	location VARCHAR(1000), 
	hours NUMERIC(10, 6), 
	expense NUMERIC(12, 2), 
	contact VARCHAR(1000), 
	phone VARCHAR(1000), 
	PRIMARY KEY (row_id), 
	CONSTRAINT zq0001_implementations_attendees_count CHECK (attendees >= 0 AND attendees <= 10000000), 
	CONSTRAINT zq0001_implementations_staff_count CHECK (staff >= 0 AND staff <= 10000000), 
	CONSTRAINT zq0001_implementations_hours_bounds0 CHECK (hours >= 0 AND hours <= 2000), 
	CONSTRAINT zq0001_implementations_expense_bounds0 CHECK (expense >= 0 AND expense <= 9999999999.99), 
	CONSTRAINT zq0001_implementations_key UNIQUE (plan), 
	CONSTRAINT zq0001_implementations_plan_fk FOREIGN KEY(plan) REFERENCES zq0001_plans (id) ON DELETE CASCADE, 
	CONSTRAINT zq0001_implementations_premium_flag CHECK (premium IN (0, 1))
)CHARSET=utf8mb4 ENGINE=InnoDB COLLATE utf8mb4_bin;

CREATE TABLE zq0001_online_learning (
	row_id BIGINT NOT NULL AUTO_INCREMENT, 
	person VARCHAR(255) NOT NULL, 
	course VARCHAR(1000) NOT NULL, 
	date DATE NOT NULL, 
	hours NUMERIC(10, 6) NOT NULL, 
	title VARCHAR(1000), 
	session VARCHAR(255), 
	PRIMARY KEY (row_id), 
	CONSTRAINT zq0001_online_learning_hours_bounds0 CHECK (hours >= 0 AND hours <= 24), 
	CONSTRAINT zq0001_online_learning_person_fk FOREIGN KEY(person) REFERENCES zq0001_people (id)
)CHARSET=utf8mb4 ENGINE=InnoDB COLLATE utf8mb4_bin;

CREATE UNIQUE INDEX zq0001_online_learning_key ON zq0001_online_learning (session);

CREATE INDEX zq0001_online_learning_person ON zq0001_online_learning (person);
