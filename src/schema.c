/* schema.c - migrations[]: index = the schema version it produces.
 *
 * Rules every table follows (SPEC 6):
 * - id INTEGER PRIMARY KEY, drawn by the program (db_new_id: the time in
 *   milliseconds above 22 random bits),
 *   never AUTOINCREMENT, so copies of a file can later be merged;
 * - created_at, updated_at: ISO 8601 UTC with milliseconds;
 *   version: bumped on every update, for conflict detection;
 * - foreign keys by id, ON DELETE RESTRICT unless a child row is only an
 *   attribute of its parent (availability, a shift's assignments);
 *   members are never deleted, their status changes;
 * - closed lists of values as CHECK constraints; rules that tie several
 *   fields together (预备党员 has no 转正日期 ...) live in member_check and
 *   db_check, because a CHECK cannot be changed without rebuilding the
 *   table;
 * - optional text is '' (NOT NULL DEFAULT ''), optional dates are NULL.
 *
 * settings has the same shape as every other table (random id, a UNIQUE
 * key) rather than a TEXT primary key, so the audit triggers, the version
 * check and a later merge treat it like the rest; a merge matches
 * settings by key.
 *
 * audit_log has no updated_at/version: its rows never change (two
 * permanent triggers refuse UPDATE and DELETE, also for other programs),
 * and since version 10 each is a link of a hash chain (audit_chain.h).
 * The triggers that write it are TEMP ones, created by db_open.
 *
 * Released entries are never edited; tests/data/schema-v1.sql holds the
 * text of migration 1 and test_db checks that it still matches.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "schema.h"

/* Columns many tables end with, in the very text of the released
 * migrations (which never change): the derived sort and search keys of a
 * name, and every record's times and version (SPEC 6). */
#define SQL_NAME_KEYS \
	"	name_strokes TEXT NOT NULL DEFAULT '',\n" \
	"	name_pinyin TEXT NOT NULL DEFAULT '',\n" \
	"	name_initials TEXT NOT NULL DEFAULT '',\n" \
	"	name_pinyin_key TEXT NOT NULL DEFAULT '',\n"
#define SQL_ROW_TIMES \
	"	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),\n" \
	"	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),\n" \
	"	version INTEGER NOT NULL DEFAULT 1"

/* Migration 5: every closed list of values of a CHECK, from "x IN (...)"
 * to "x = ... OR x = ...".  The two mean the same, but SQLite evaluates
 * a CHECK's IN list by building a temporary b-tree of the list for every
 * row written: three of them for each member and one for each audit
 * row, which made a large import spend over a third of its time there.
 * Only the text of the constraints changes, not what is stored, so the
 * tables are not rebuilt (see db_migrate.c, rewrite_schema). */
static const char *const in_lists[][2] = {
	{ "gender IN ('男', '女')",
	  "gender = '男' OR gender = '女'" },
	{ "education IN ('', '研究生', '大学本科', '大学专科', '中专', '高中', '初中及以下')",
	  "education = '' OR education = '研究生' OR education = '大学本科' OR education = '大学专科' OR education = '中专' OR education = '高中' OR education = '初中及以下'" },
	{ "member_type IN ('正式党员', '预备党员')",
	  "member_type = '正式党员' OR member_type = '预备党员'" },
	{ "category IN ('', '在职', '离退休', '下岗失业', '学生', '非公企业从业', '农民工', '其他')",
	  "category = '' OR category = '在职' OR category = '离退休' OR category = '下岗失业' OR category = '学生' OR category = '非公企业从业' OR category = '农民工' OR category = '其他'" },
	{ "status IN ('在册', '流出', '转出', '停止党籍', '去世')",
	  "status = '在册' OR status = '流出' OR status = '转出' OR status = '停止党籍' OR status = '去世'" },
	{ "action IN ('insert', 'update', 'delete')",
	  "action = 'insert' OR action = 'update' OR action = 'delete'" },
	{ "direction IN ('流出', '流入')",
	  "direction = '流出' OR direction = '流入'" },
	{ "gender IN ('', '男', '女')",
	  "gender = '' OR gender = '男' OR gender = '女'" },
	{ "status IN ('外出中', '已返回', '已转接', '失联')",
	  "status = '外出中' OR status = '已返回' OR status = '已转接' OR status = '失联'" },
	{ "kind IN ('独居老人', '空巢老人', '残疾人', '低保户', '特困', '下岗职工', '困难党员', '留守儿童', '其他')",
	  "kind = '独居老人' OR kind = '空巢老人' OR kind = '残疾人' OR kind = '低保户' OR kind = '特困' OR kind = '下岗职工' OR kind = '困难党员' OR kind = '留守儿童' OR kind = '其他'" },
	{ "risk IN ('高', '重点', '一般')",
	  "risk = '高' OR risk = '重点' OR risk = '一般'" },
	{ "status IN ('在册', '迁出', '去世')",
	  "status = '在册' OR status = '迁出' OR status = '去世'" },
	{ "form IN ('一帮一', '一助一', '结亲')",
	  "form = '一帮一' OR form = '一助一' OR form = '结亲'" },
	{ "way IN ('上门', '电话', '代办')",
	  "way = '上门' OR way = '电话' OR way = '代办'" },
	{ "status IN ('出勤', '缺勤', '请假')",
	  "status = '出勤' OR status = '缺勤' OR status = '请假'" },
	{ NULL, NULL }
};

/* Migration 8: 人员分类 as the 党内统计 counts occupations, and the
 * statuses by which members leave the Party (validate.c has both lists
 * and why). */
static const char *const rules_lists[][2] = {
	{ "category = '' OR category = '在职' OR category = '离退休' OR category = '下岗失业' OR category = '学生' OR category = '非公企业从业' OR category = '农民工' OR category = '其他'",
	  "category = '' OR category = '工人' OR category = '农牧渔民' OR category = '专业技术人员' OR category = '管理人员' OR category = '党政机关工作人员' OR category = '学生' OR category = '其他职业人员' OR category = '离退休人员'" },
	{ "status = '在册' OR status = '流出' OR status = '转出' OR status = '停止党籍' OR status = '去世'",
	  "status = '在册' OR status = '流出' OR status = '转出' OR status = '停止党籍' OR status = '去世' OR status = '开除党籍' OR status = '除名' OR status = '退党' OR status = '取消预备党员资格'" },
	{ NULL, NULL }
};

static const struct migration {
	const char *sql;
	const char *const (*rewrite)[2];    /* text changes of CREATE TABLEs */
	/* Changes of stored values, made after SQL and REWRITE with the
	 * audit triggers in place, so that the change log holds them as it
	 * holds every other change (SPEC 6). */
	const char *data;
} migrations[] = {
	/* 0: the empty file */
	{ NULL, NULL, NULL },

	/* 1: the roster: settings, party groups, members, audit log */
	{
	"CREATE TABLE settings (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	key TEXT NOT NULL UNIQUE,\n"
	"	value TEXT,\n"
	SQL_ROW_TIMES "\n"
	");\n"
	/* 党小组 */
	"CREATE TABLE party_groups (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 20),\n"
	"	position INTEGER NOT NULL DEFAULT 0,\n"
	"	note TEXT NOT NULL DEFAULT '',\n"
	SQL_ROW_TIMES "\n"
	");\n"
	/* 党员花名册, SPEC 1.1; name_* are the derived sort and search keys
	 * (collate.h), kept up to date by the store and checked by db_check */
	"CREATE TABLE members (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 20),\n"
	"	gender TEXT NOT NULL CHECK (gender IN ('男', '女')),\n"
	"	ethnicity TEXT NOT NULL DEFAULT '汉族' CHECK (ethnicity <> ''),\n"
	"	birth_date TEXT NOT NULL CHECK (birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
	"	id_number TEXT NOT NULL CHECK (length(id_number) = 18 AND id_number GLOB '[1-9][0-9][0-9][0-9][0-9][0-9][12][0-9][0-9][0-9][01][0-9][0-3][0-9][0-9][0-9][0-9][0-9X]'),\n"
	"	education TEXT NOT NULL DEFAULT '' CHECK (education IN ('', '研究生', '大学本科', '大学专科', '中专', '高中', '初中及以下')),\n"
	"	member_type TEXT NOT NULL DEFAULT '正式党员' CHECK (member_type IN ('正式党员', '预备党员')),\n"
	"	category TEXT NOT NULL DEFAULT '' CHECK (category IN ('', '在职', '离退休', '下岗失业', '学生', '非公企业从业', '农民工', '其他')),\n"
	"	join_date TEXT NOT NULL CHECK (join_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
	"	full_date TEXT CHECK (full_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
	"	status TEXT NOT NULL DEFAULT '在册' CHECK (status IN ('在册', '流出', '转出', '停止党籍', '去世')),\n"
	"	status_date TEXT CHECK (status_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
	"	status_reason TEXT NOT NULL DEFAULT '',\n"
	"	work_unit TEXT NOT NULL DEFAULT '',\n"
	"	phone TEXT NOT NULL DEFAULT '',\n"
	"	address TEXT NOT NULL DEFAULT '',\n"
	"	party_group_id INTEGER REFERENCES party_groups (id) ON DELETE RESTRICT,\n"
	"	note TEXT NOT NULL DEFAULT '',\n"
	"	name_strokes TEXT NOT NULL,\n"
	"	name_pinyin TEXT NOT NULL,\n"
	"	name_initials TEXT NOT NULL,\n"
	"	name_pinyin_key TEXT NOT NULL,\n"
	SQL_ROW_TIMES "\n"
	");\n"
	/* the ID number is unique among members (SPEC 1.1); the store
	 * recognizes this index's name in the constraint message */
	"CREATE UNIQUE INDEX members_id_number ON members (id_number);\n"
	/* sort orders, with id last for keyset paging */
	"CREATE INDEX members_name_strokes ON members (name_strokes, id);\n"
	"CREATE INDEX members_name_pinyin_key ON members (name_pinyin_key, id);\n"
	"CREATE INDEX members_join_date ON members (join_date, id);\n"
	"CREATE INDEX members_party_group ON members (party_group_id);\n"
	"CREATE TABLE audit_log (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	at TEXT NOT NULL,\n"
	"	os_user TEXT NOT NULL,\n"
	"	tbl TEXT NOT NULL,\n"
	"	row_id INTEGER NOT NULL,\n"
	"	action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),\n"
	"	old TEXT,\n"
	"	new TEXT\n"
	");\n"
	"CREATE INDEX audit_log_row ON audit_log (tbl, row_id);\n"
	"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log\n"
	"BEGIN SELECT RAISE(ABORT, 'the audit log only gains rows'); END;\n"
	"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log\n"
	"BEGIN SELECT RAISE(ABORT, 'the audit log only gains rows'); END;\n",
	NULL, NULL
	},

	/* 2: flowing members and their contact log, residents who need
	 * help, pairings, visits (SPEC 1.2, 1.3) */
	{
	/* 流动党员: 流出 rows are our members (member_id set); 流入 rows are
	 * members from elsewhere, usually not on our roster, so the person's
	 * own fields are here too */
	"CREATE TABLE flows (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	direction TEXT NOT NULL CHECK (direction IN ('流出', '流入')),\n"
	"	member_id INTEGER REFERENCES members (id) ON DELETE RESTRICT,\n"
	"	name TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 20),\n"
	"	gender TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', '男', '女')),\n"
	"	id_number TEXT NOT NULL DEFAULT '',\n"
	"	phone TEXT NOT NULL DEFAULT '',\n"
	"	status TEXT NOT NULL DEFAULT '外出中' CHECK (status IN ('外出中', '已返回', '已转接', '失联')),\n"
	"	dest_province TEXT NOT NULL DEFAULT '',\n"
	"	dest_city TEXT NOT NULL DEFAULT '',\n"
	"	dest_address TEXT NOT NULL DEFAULT '',\n"
	"	flow_code TEXT NOT NULL DEFAULT '',\n"
	"	occupation_code TEXT NOT NULL DEFAULT '',\n"
	"	employer TEXT NOT NULL DEFAULT '',\n"
	"	receiving_org TEXT NOT NULL DEFAULT '',\n"
	"	receiving_contact TEXT NOT NULL DEFAULT '',\n"
	"	depart_date TEXT CHECK (depart_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
	"	expected_return TEXT CHECK (expected_return GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
	"	dues_method TEXT NOT NULL DEFAULT '',\n"
	"	origin_branch TEXT NOT NULL DEFAULT '',\n"
	"	origin_contact TEXT NOT NULL DEFAULT '',\n"
	"	arrive_date TEXT CHECK (arrive_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
	"	local_address TEXT NOT NULL DEFAULT '',\n"
	"	party_group_id INTEGER REFERENCES party_groups (id) ON DELETE RESTRICT,\n"
	"	certificate_no TEXT NOT NULL DEFAULT '',\n"
	"	certificate_date TEXT CHECK (certificate_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
	"	certificate_returned INTEGER NOT NULL DEFAULT 0 CHECK (certificate_returned IN (0, 1)),\n"
	"	return_date TEXT CHECK (return_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
	"	note TEXT NOT NULL DEFAULT '',\n"
	SQL_NAME_KEYS
	SQL_ROW_TIMES ",\n"
	"	CHECK (direction = '流入' OR member_id IS NOT NULL),\n"
	"	CHECK (member_id IS NOT NULL OR name <> '')\n"
	");\n"
	"CREATE INDEX flows_member ON flows (member_id);\n"
	"CREATE INDEX flows_party_group ON flows (party_group_id);\n"
	"CREATE INDEX flows_name_strokes ON flows (name_strokes, id);\n"
	"CREATE TABLE flow_contacts (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	flow_id INTEGER NOT NULL REFERENCES flows (id) ON DELETE RESTRICT,\n"
	"	date TEXT NOT NULL CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
	"	way TEXT NOT NULL DEFAULT '',\n"
	"	content TEXT NOT NULL DEFAULT '',\n"
	SQL_ROW_TIMES "\n"
	");\n"
	"CREATE INDEX flow_contacts_flow ON flow_contacts (flow_id, date);\n"
	/* 帮扶对象 */
	"CREATE TABLE residents (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 20),\n"
	"	gender TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', '男', '女')),\n"
	"	birth_year INTEGER CHECK (birth_year BETWEEN 1900 AND 2100),\n"
	"	address TEXT NOT NULL DEFAULT '',\n"
	"	phone TEXT NOT NULL DEFAULT '',\n"
	"	kind TEXT NOT NULL DEFAULT '其他' CHECK (kind IN ('独居老人', '空巢老人', '残疾人', '低保户', '特困', '下岗职工', '困难党员', '留守儿童', '其他')),\n"
	"	risk TEXT NOT NULL DEFAULT '一般' CHECK (risk IN ('高', '重点', '一般')),\n"
	"	needs TEXT NOT NULL DEFAULT '',\n"
	"	status TEXT NOT NULL DEFAULT '在册' CHECK (status IN ('在册', '迁出', '去世')),\n"
	"	status_date TEXT CHECK (status_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
	"	note TEXT NOT NULL DEFAULT '',\n"
	SQL_NAME_KEYS
	SQL_ROW_TIMES "\n"
	");\n"
	"CREATE INDEX residents_name_strokes ON residents (name_strokes, id);\n"
	/* 结对: an ended pairing keeps its end date, it is not deleted */
	"CREATE TABLE pairings (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE RESTRICT,\n"
	"	resident_id INTEGER NOT NULL REFERENCES residents (id) ON DELETE RESTRICT,\n"
	"	form TEXT NOT NULL DEFAULT '一帮一' CHECK (form IN ('一帮一', '一助一', '结亲')),\n"
	"	start_date TEXT NOT NULL CHECK (start_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
	"	end_date TEXT CHECK (end_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
	"	note TEXT NOT NULL DEFAULT '',\n"
	SQL_ROW_TIMES ",\n"
	"	CHECK (end_date IS NULL OR end_date >= start_date)\n"
	");\n"
	"CREATE INDEX pairings_member ON pairings (member_id);\n"
	"CREATE INDEX pairings_resident ON pairings (resident_id);\n"
	/* 走访记录: the visitor and the pairing are optional (a visit by
	 * someone outside a pairing still counts for the rhythm) */
	"CREATE TABLE visits (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	resident_id INTEGER NOT NULL REFERENCES residents (id) ON DELETE RESTRICT,\n"
	"	member_id INTEGER REFERENCES members (id) ON DELETE RESTRICT,\n"
	"	pairing_id INTEGER REFERENCES pairings (id) ON DELETE RESTRICT,\n"
	"	date TEXT NOT NULL CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
	"	way TEXT NOT NULL DEFAULT '上门' CHECK (way IN ('上门', '电话', '代办')),\n"
	"	content TEXT NOT NULL DEFAULT '',\n"
	"	follow_up TEXT NOT NULL DEFAULT '',\n"
	SQL_ROW_TIMES "\n"
	");\n"
	"CREATE INDEX visits_resident ON visits (resident_id, date);\n"
	"CREATE INDEX visits_member ON visits (member_id);\n"
	"CREATE INDEX visits_pairing ON visits (pairing_id);\n",
	NULL, NULL
	},

	/* 3: volunteer patrols: teams, volunteers, availability, shift
	 * templates, shifts, assignments, attendance (SPEC 1.4) */
	{
	"CREATE TABLE teams (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 20),\n"
	"	leader_id INTEGER REFERENCES volunteers (id) ON DELETE SET NULL,\n"
	"	note TEXT NOT NULL DEFAULT '',\n"
	SQL_ROW_TIMES "\n"
	");\n"
	/* a member volunteers by member_id (name and phone from the roster);
	 * others by name and phone */
	"CREATE TABLE volunteers (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE RESTRICT,\n"
	"	member_id INTEGER REFERENCES members (id) ON DELETE RESTRICT,\n"
	"	name TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 20),\n"
	"	phone TEXT NOT NULL DEFAULT '',\n"
	"	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),\n"
	"	note TEXT NOT NULL DEFAULT '',\n"
	SQL_NAME_KEYS
	SQL_ROW_TIMES ",\n"
	"	CHECK (member_id IS NOT NULL OR name <> ''),\n"
	"	UNIQUE (team_id, member_id)\n"
	");\n"
	"CREATE INDEX volunteers_member ON volunteers (member_id);\n"
	"CREATE INDEX teams_leader ON teams (leader_id);\n"
	/* when a volunteer can patrol: weekday 1 (Monday) to 7, a time
	 * range HH:MM (a shift fits when it lies inside one) */
	"CREATE TABLE availability (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	volunteer_id INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,\n"
	"	weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),\n"
	"	start_time TEXT NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),\n"
	"	end_time TEXT NOT NULL CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]'),\n"
	SQL_ROW_TIMES ",\n"
	"	UNIQUE (volunteer_id, weekday, start_time)\n"
	");\n"
	"CREATE TABLE shift_templates (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE RESTRICT,\n"
	"	weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),\n"
	"	start_time TEXT NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),\n"
	"	end_time TEXT NOT NULL CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]'),\n"
	"	area TEXT NOT NULL DEFAULT '',\n"
	"	needed INTEGER NOT NULL DEFAULT 1 CHECK (needed BETWEEN 1 AND 99),\n"
	"	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),\n"
	"	note TEXT NOT NULL DEFAULT '',\n"
	SQL_ROW_TIMES "\n"
	");\n"
	"CREATE INDEX shift_templates_team ON shift_templates (team_id, weekday);\n"
	/* one shift on one day; generated from a template (at most once per
	 * day) or added by hand */
	"CREATE TABLE shifts (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE RESTRICT,\n"
	"	template_id INTEGER REFERENCES shift_templates (id) ON DELETE SET NULL,\n"
	"	date TEXT NOT NULL CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
	"	start_time TEXT NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),\n"
	"	end_time TEXT NOT NULL CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]'),\n"
	"	area TEXT NOT NULL DEFAULT '',\n"
	"	needed INTEGER NOT NULL DEFAULT 1 CHECK (needed BETWEEN 1 AND 99),\n"
	"	note TEXT NOT NULL DEFAULT '',\n"
	SQL_ROW_TIMES ",\n"
	"	UNIQUE (template_id, date)\n"
	");\n"
	"CREATE INDEX shifts_team ON shifts (team_id, date);\n"
	/* the rota: who is on a shift; goes with the shift */
	"CREATE TABLE shift_assignments (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	shift_id INTEGER NOT NULL REFERENCES shifts (id) ON DELETE CASCADE,\n"
	"	volunteer_id INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE RESTRICT,\n"
	"	note TEXT NOT NULL DEFAULT '',\n"
	SQL_ROW_TIMES ",\n"
	"	UNIQUE (shift_id, volunteer_id)\n"
	");\n"
	"CREATE INDEX shift_assignments_volunteer ON shift_assignments (volunteer_id);\n"
	/* who actually came (a substitute need not have been assigned); a
	 * shift with attendance cannot be deleted */
	"CREATE TABLE attendance (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	shift_id INTEGER NOT NULL REFERENCES shifts (id) ON DELETE RESTRICT,\n"
	"	volunteer_id INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE RESTRICT,\n"
	"	status TEXT NOT NULL DEFAULT '出勤' CHECK (status IN ('出勤', '缺勤', '请假')),\n"
	"	minutes INTEGER CHECK (minutes BETWEEN 0 AND 1440),\n"
	"	note TEXT NOT NULL DEFAULT '',\n"
	SQL_ROW_TIMES ",\n"
	"	UNIQUE (shift_id, volunteer_id)\n"
	");\n"
	"CREATE INDEX attendance_volunteer ON attendance (volunteer_id);\n",
	NULL, NULL
	},

	/* 4: drafts: a form that was open when the connection dropped, kept
	 * for the same OS user to finish (SPEC 8).  One user's unsaved typing
	 * is not a change of the registers, so drafts are not audited. */
	{
	"CREATE TABLE drafts (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	os_user TEXT NOT NULL,\n"
	"	tbl TEXT NOT NULL,\n"
	"	row_id INTEGER,\n"
	"	base_version INTEGER,\n"
	"	fields TEXT NOT NULL CHECK (json_valid(fields)),\n"
	SQL_ROW_TIMES "\n"
	");\n"
	"CREATE INDEX drafts_user ON drafts (os_user, created_at);\n"
	/* the whole branch's change log is read newest first, a page at a time */
	"CREATE INDEX audit_log_at ON audit_log (at, id);\n"
	/* The roster in 姓氏笔画 order with every column that its filters and
	 * search read: a search walks this index alone, never the wide rows
	 * (SPEC 7: a key in incremental search within 20 ms at 100 000). */
	"DROP INDEX members_name_strokes;\n"
	"CREATE INDEX members_roster ON members (name_strokes, id, status,"
	" category, member_type, party_group_id, name, name_pinyin,"
	" name_initials, id_number, phone);\n"
	/* the dashboard: probationary members, and joining anniversaries */
	"CREATE INDEX members_probation ON members (join_date)"
	" WHERE member_type = '预备党员';\n"
	"CREATE INDEX members_join_day ON members (substr(join_date, 6, 5), status);\n",
	NULL, NULL
	},

	/* 5: CHECK lists as comparisons (in_lists above) */
	{ NULL, in_lists, NULL },

	/* 6: the roster's full-text index (search.h): a search that few
	 * members match reads its candidates here instead of walking the
	 * roster (SPEC 7).  No content: the terms are only matched, never
	 * read back; TEMP triggers keep it (member_db.c), since its terms come from
	 * zhibu_search_terms(), a function of this program. */
	{
	"CREATE VIRTUAL TABLE member_search USING fts5(terms, content='',"
	" detail=none, tokenize='ascii', prefix='1 2');\n"
	"INSERT INTO member_search (rowid, terms) SELECT id, zhibu_search_terms(name,"
	" name_pinyin, name_initials, id_number, phone) FROM members;\n",
	NULL, NULL
	},

	/* 7: the start screen's counts read their indexes alone: the month's
	 * anniversaries need the joining date (joined before this year),
	 * the probationary members their status; without them each count
	 * looked up thousands of rows in the table (SPEC 7: start within
	 * 50 ms at 100 000 members). */
	{
	"DROP INDEX members_join_day;\n"
	"CREATE INDEX members_join_day ON members (substr(join_date, 6, 5), status,"
	" join_date);\n"
	"DROP INDEX members_probation;\n"
	"CREATE INDEX members_probation ON members (join_date, status)"
	" WHERE member_type = '预备党员';\n",
	NULL, NULL
	},

	/* 8: the rules of the Party for the roster (issue 11).  预备期 is a
	 * year from joining; it may be extended once (党章第七条; 发展党员
	 * 工作细则第三十二条): probation_end is the extended end, NULL when
	 * it was not extended.  人员分类 and 党籍状态 take their new lists;
	 * the old categories become the new ones as their aliases say. */
	{
	"ALTER TABLE members ADD COLUMN probation_end TEXT"
	" CHECK (probation_end GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');\n"
	"ALTER TABLE members ADD COLUMN probation_reason TEXT NOT NULL DEFAULT '';\n",
	rules_lists,
	"UPDATE members SET category = CASE category"
	" WHEN '离退休' THEN '离退休人员' WHEN '农民工' THEN '工人'"
	" ELSE '其他职业人员' END,"
	" version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
	" WHERE category IN ('在职', '离退休', '下岗失业', '非公企业从业', '农民工', '其他');\n"
	},

	/* 9: the search index holds the pinyin from each syllable of a name
	 * on (xiuyun and yun for 王秀云: search.h), so that a member is found
	 * by the pinyin of the given name too.  Its terms are written again:
	 * a contentless index removes a row only by the very terms it was
	 * given. */
	{
	"INSERT INTO member_search (member_search) VALUES ('delete-all');\n"
	"INSERT INTO member_search (rowid, terms) SELECT id, zhibu_search_terms(name,"
	" name_pinyin, name_initials, id_number, phone) FROM members;\n",
	NULL, NULL
	},

	/* 10: the change log as a hash chain (audit_chain.h, issue 12): seq,
	 * the row's place in the chain, and hash, the SHA-256 of the row
	 * before and of its own columns.  The rows already there are chained
	 * as they are, in the order the log has always been read (at, id):
	 * whatever they hold, the chain vouches for them only from this
	 * upgrade on.  The permanent trigger that refuses UPDATE is dropped
	 * for the two statements and made again as it was.  zhibu_chain() is
	 * a function of this program (db_audit.c); the recursion hashes one row
	 * after the other, each from the hash just computed. */
	{
	"ALTER TABLE audit_log ADD COLUMN seq INTEGER;\n"
	"ALTER TABLE audit_log ADD COLUMN hash TEXT;\n"
	"DROP TRIGGER audit_log_no_update;\n"
	"UPDATE audit_log SET seq = o.n FROM (SELECT id, row_number() OVER"
	" (ORDER BY at, id) AS n FROM audit_log) AS o WHERE o.id = audit_log.id;\n"
	"CREATE UNIQUE INDEX audit_log_seq ON audit_log (seq);\n"
	"WITH RECURSIVE c (seq, hash) AS (SELECT 0,"
	" '0000000000000000000000000000000000000000000000000000000000000000'"
	" UNION ALL SELECT a.seq, zhibu_chain(c.hash, a.seq, a.id, a.at, a.os_user,"
	" a.tbl, a.row_id, a.action, a.old, a.new)"
	" FROM c JOIN audit_log AS a ON a.seq = c.seq + 1)"
	" UPDATE audit_log SET hash = c.hash FROM c WHERE c.seq = audit_log.seq;\n"
	"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log\n"
	"BEGIN SELECT RAISE(ABORT, 'the audit log only gains rows'); END;\n",
	NULL, NULL
	},
	/* 11: 流动党员 as a register (SPEC 1.2, issue 15): the receiving
	 * organization's phone, 范围 (derived from the destination), the day
	 * the 《流动党员活动证》 was handed back, the status's date and
	 * reason, a contact's next step; moved_date, the day of departure or
	 * arrival, orders the list (a key that is never NULL) */
	{
	"ALTER TABLE flows ADD COLUMN receiving_phone TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE flows ADD COLUMN scope TEXT NOT NULL DEFAULT ''"
	" CHECK (scope = '' OR scope = '跨省' OR scope = '省内跨市' OR scope = '市内');\n"
	"ALTER TABLE flows ADD COLUMN certificate_back TEXT"
	" CHECK (certificate_back GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');\n"
	"ALTER TABLE flows ADD COLUMN status_date TEXT"
	" CHECK (status_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');\n"
	"ALTER TABLE flows ADD COLUMN status_reason TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE flows ADD COLUMN moved_date TEXT"
	" GENERATED ALWAYS AS (coalesce(depart_date, arrive_date, '')) VIRTUAL;\n"
	"CREATE INDEX flows_moved ON flows (moved_date, id);\n"
	"ALTER TABLE flow_contacts ADD COLUMN next_step TEXT NOT NULL DEFAULT '';\n",
	NULL, NULL
	},
};

#define MIGRATION_COUNT ((int)(sizeof migrations / sizeof migrations[0]))

/* The version this program writes. */
int schema_latest_version(void)
{
	return MIGRATION_COUNT - 1;
}

/* The SQL that produces VERSION from VERSION - 1. */
const char *schema_migration_sql(int version)
{
	if (version < 1 || version >= MIGRATION_COUNT)
		return NULL;
	return migrations[version].sql;
}

/* The changes of stored values that VERSION makes, or NULL. */
const char *schema_migration_data(int version)
{
	if (version < 1 || version >= MIGRATION_COUNT)
		return NULL;
	return migrations[version].data;
}

/* Columns added to a table after it was created, with the value every
 * row got then (audit rows written before hold no value for them): read
 * from the migrations' "ALTER TABLE T ADD COLUMN C ... [DEFAULT V]", so
 * a column added is named once, in its migration. */
#define LATE_MOST 32
#define LATE_NAME 64
static struct schema_late_column late[LATE_MOST + 1];
static char late_text[LATE_MOST][3][LATE_NAME];

/* The word at *P (letters, digits, '_', or a quoted '...'), into OUT;
 * *P moves past it. */
static void late_word(const char **p, char *out)
{
	const char *s = *p + strspn(*p, " \t\n");
	size_t n = *s == '\'' ? strcspn(s + 1, "'") + 2 :
	           strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

	snprintf(out, LATE_NAME, "%.*s", (int)(n < LATE_NAME ? n : LATE_NAME - 1), s);
	*p = s + n;
}

const struct schema_late_column *schema_late_columns(void)
{
	static const char alter[] = "ALTER TABLE ";
	size_t n = 0;

	if (late[0].tbl)
		return late;
	for (int v = 1; v < MIGRATION_COUNT; v++) {
		for (const char *p = migrations[v].sql; p && (p = strstr(p, alter)) && n < LATE_MOST;) {
			char (*t)[LATE_NAME] = late_text[n];
			const char *end, *def;

			p += sizeof alter - 1;
			late_word(&p, t[0]);
			if (strncmp(p, " ADD COLUMN ", 12) != 0)
				continue;
			p += 12;
			late_word(&p, t[1]);
			end = p + strcspn(p, ";");
			def = strstr(p, " DEFAULT ");
			snprintf(t[2], LATE_NAME, "NULL");
			if (def && def < end) {
				def += 9;
				late_word(&def, t[2]);
			}
			late[n++] = (struct schema_late_column){ t[0], t[1], t[2] };
		}
	}
	return late;
}

/* The text changes that VERSION makes to the CREATE TABLE statements. */
const char *const (*schema_migration_rewrites(int version))[2]
{
	if (version < 1 || version >= MIGRATION_COUNT)
		return NULL;
	return migrations[version].rewrite;
}
