-- schema-v1.sql: a zhibu database of schema version 1, as text.
-- The statements up to the marker below are exactly migration 1 of
-- src/schema.c (test_db checks it: released migrations are never
-- edited); then the header pragmas and a few invented members (fake
-- names, ID numbers with valid check digits) that test_db expects to
-- survive the upgrade to the latest version.
CREATE TABLE settings (
	id INTEGER PRIMARY KEY,
	key TEXT NOT NULL UNIQUE,
	value TEXT,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE party_groups (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 20),
	position INTEGER NOT NULL DEFAULT 0,
	note TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE members (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 20),
	gender TEXT NOT NULL CHECK (gender IN ('男', '女')),
	ethnicity TEXT NOT NULL DEFAULT '汉族' CHECK (ethnicity <> ''),
	birth_date TEXT NOT NULL CHECK (birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	id_number TEXT NOT NULL CHECK (length(id_number) = 18 AND id_number GLOB '[1-9][0-9][0-9][0-9][0-9][0-9][12][0-9][0-9][0-9][01][0-9][0-3][0-9][0-9][0-9][0-9][0-9X]'),
	education TEXT NOT NULL DEFAULT '' CHECK (education IN ('', '研究生', '大学本科', '大学专科', '中专', '高中', '初中及以下')),
	member_type TEXT NOT NULL DEFAULT '正式党员' CHECK (member_type IN ('正式党员', '预备党员')),
	category TEXT NOT NULL DEFAULT '' CHECK (category IN ('', '在职', '离退休', '下岗失业', '学生', '非公企业从业', '农民工', '其他')),
	join_date TEXT NOT NULL CHECK (join_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	full_date TEXT CHECK (full_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	status TEXT NOT NULL DEFAULT '在册' CHECK (status IN ('在册', '流出', '转出', '停止党籍', '去世')),
	status_date TEXT CHECK (status_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	status_reason TEXT NOT NULL DEFAULT '',
	work_unit TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	address TEXT NOT NULL DEFAULT '',
	party_group_id INTEGER REFERENCES party_groups (id) ON DELETE RESTRICT,
	note TEXT NOT NULL DEFAULT '',
	name_strokes TEXT NOT NULL,
	name_pinyin TEXT NOT NULL,
	name_initials TEXT NOT NULL,
	name_pinyin_key TEXT NOT NULL,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX members_id_number ON members (id_number);
CREATE INDEX members_name_strokes ON members (name_strokes, id);
CREATE INDEX members_name_pinyin_key ON members (name_pinyin_key, id);
CREATE INDEX members_join_date ON members (join_date, id);
CREATE INDEX members_party_group ON members (party_group_id);
CREATE TABLE audit_log (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	os_user TEXT NOT NULL,
	tbl TEXT NOT NULL,
	row_id INTEGER NOT NULL,
	action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
	old TEXT,
	new TEXT
);
CREATE INDEX audit_log_row ON audit_log (tbl, row_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log only gains rows'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log only gains rows'); END;
-- end of migration 1
PRAGMA user_version = 1;
PRAGMA application_id = 1514685013;
INSERT INTO party_groups (id, name, position, created_at, updated_at)
VALUES (4611686018427387905, '第一党小组', 1, '2023-03-01T08:00:00.000Z', '2023-03-01T08:00:00.000Z');
INSERT INTO members (id, name, gender, ethnicity, birth_date, id_number,
	education, member_type, category, join_date, full_date, status,
	work_unit, phone, address, party_group_id, note,
	name_strokes, name_pinyin, name_initials, name_pinyin_key,
	created_at, updated_at, version)
VALUES
(1152921504606846977, '张三', '男', '汉族', '1980-01-01', '110101198001011232',
	'大学本科', '正式党员', '在职', '2005-07-01', '2006-07-01', '在册',
	'某街道办事处 科员', '13800000001', '示例路1号', 4611686018427387905, '',
	'', 'zhangsan', 'zs', '', '2023-03-01T08:00:00.000Z', '2023-03-01T08:00:00.000Z', 1),
(2305843009213693953, '李四梅', '女', '回族', '1975-12-24', '110101197512240024',
	'高中', '正式党员', '离退休', '1998-06-30', '1999-06-30', '在册',
	'', '010-65000000', '示例路2号', 4611686018427387905, '测试数据',
	'', 'lisimei', 'lsm', '', '2023-03-01T08:00:00.000Z', '2023-03-02T09:30:00.000Z', 2),
(3458764513820540929, '王五', '男', '汉族', '1990-06-15', '310104199006150515',
	'研究生', '预备党员', '学生', '2023-01-10', NULL, '在册',
	'', '', '', NULL, '',
	'', 'wangwu', 'ww', '', '2023-03-01T08:00:00.000Z', '2023-03-01T08:00:00.000Z', 1);
