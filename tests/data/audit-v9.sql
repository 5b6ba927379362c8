-- A database of schema version 9, as zhibu wrote it before its change log
-- was chained (migration 10): a branch, two fictitious members imported,
-- one status change; the sqlite3 shell's .dump, then the file's header.
-- tests/cli/audit.sh upgrades it and checks the chain.  Never edited.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE settings (
	id INTEGER PRIMARY KEY,
	key TEXT NOT NULL UNIQUE,
	value TEXT,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO settings VALUES(917281566312408747,'branch.name','幸福里社区测试支部','2026-12-06T05:09:27.676Z','2026-12-06T05:09:27.676Z',1);
CREATE TABLE party_groups (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 20),
	position INTEGER NOT NULL DEFAULT 0,
	note TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO party_groups VALUES(917281566448253913,'第一党小组',1,'','2026-12-06T05:09:27.708Z','2026-12-06T05:09:27.708Z',1);
CREATE TABLE members (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 20),
	gender TEXT NOT NULL CHECK (gender = '男' OR gender = '女'),
	ethnicity TEXT NOT NULL DEFAULT '汉族' CHECK (ethnicity <> ''),
	birth_date TEXT NOT NULL CHECK (birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	id_number TEXT NOT NULL CHECK (length(id_number) = 18 AND id_number GLOB '[1-9][0-9][0-9][0-9][0-9][0-9][12][0-9][0-9][0-9][01][0-9][0-3][0-9][0-9][0-9][0-9][0-9X]'),
	education TEXT NOT NULL DEFAULT '' CHECK (education = '' OR education = '研究生' OR education = '大学本科' OR education = '大学专科' OR education = '中专' OR education = '高中' OR education = '初中及以下'),
	member_type TEXT NOT NULL DEFAULT '正式党员' CHECK (member_type = '正式党员' OR member_type = '预备党员'),
	category TEXT NOT NULL DEFAULT '' CHECK (category = '' OR category = '工人' OR category = '农牧渔民' OR category = '专业技术人员' OR category = '管理人员' OR category = '党政机关工作人员' OR category = '学生' OR category = '其他职业人员' OR category = '离退休人员'),
	join_date TEXT NOT NULL CHECK (join_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	full_date TEXT CHECK (full_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	status TEXT NOT NULL DEFAULT '在册' CHECK (status = '在册' OR status = '流出' OR status = '转出' OR status = '停止党籍' OR status = '去世' OR status = '开除党籍' OR status = '除名' OR status = '退党' OR status = '取消预备党员资格'),
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
, probation_end TEXT CHECK (probation_end GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'), probation_reason TEXT NOT NULL DEFAULT '');
INSERT INTO members VALUES(917281566451856036,'王秀云','女','汉族','1970-03-05','110105197003050025','大学本科','正式党员','离退休人员','1995-07-01','1996-07-01','在册',NULL,'','','13900001111','幸福路1号',917281566448253913,'','0411210738B073123453079C004115404E91','wangxiuyun','wxy','wang!xiu!yun!#0411210738B073123453079C004115404E91','2026-12-06T05:09:27.709Z','2026-12-06T05:09:27.709Z',1,NULL,'');
INSERT INTO members VALUES(917281566451856038,'李建国','男','汉族','1965-10-01','110105196510010015','高中','正式党员','工人','1990-07-01','1991-07-01','流出','2026-03-01','外出务工','某厂','13900002222','幸福路2号',917281566448253913,'','0712345210674E085111125405EFA0825112141056FD','lijianguo','ljg','li!jian!guo!#0712345210674E085111125405EFA0825112141056FD','2026-12-06T05:09:27.709Z','2026-12-06T05:09:27.753Z',2,NULL,'');
CREATE TABLE audit_log (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	os_user TEXT NOT NULL,
	tbl TEXT NOT NULL,
	row_id INTEGER NOT NULL,
	action TEXT NOT NULL CHECK (action = 'insert' OR action = 'update' OR action = 'delete'),
	old TEXT,
	new TEXT
);
INSERT INTO audit_log VALUES(917281566312936802,'2026-12-06T05:09:27.676Z','root','settings',917281566312408747,'insert',NULL,'{"id":917281566312408747,"key":"branch.name","value":"幸福里社区测试支部","created_at":"2026-12-06T05:09:27.676Z","updated_at":"2026-12-06T05:09:27.676Z","version":1}');
INSERT INTO audit_log VALUES(917281566449373472,'2026-12-06T05:09:27.708Z','root','party_groups',917281566448253913,'insert',NULL,'{"id":917281566448253913,"name":"第一党小组","position":1,"note":"","created_at":"2026-12-06T05:09:27.708Z","updated_at":"2026-12-06T05:09:27.708Z","version":1}');
INSERT INTO audit_log VALUES(917281566451856037,'2026-12-06T05:09:27.709Z','root','members',917281566451856036,'insert',NULL,'{"id":917281566451856036,"name":"王秀云","gender":"女","ethnicity":"汉族","birth_date":"1970-03-05","id_number":"110105197003050025","education":"大学本科","member_type":"正式党员","category":"离退休人员","join_date":"1995-07-01","full_date":"1996-07-01","status":"在册","status_date":null,"status_reason":"","work_unit":"","phone":"13900001111","address":"幸福路1号","party_group_id":917281566448253913,"note":"","name_strokes":"0411210738B073123453079C004115404E91","name_pinyin":"wangxiuyun","name_initials":"wxy","name_pinyin_key":"wang!xiu!yun!#0411210738B073123453079C004115404E91","created_at":"2026-12-06T05:09:27.709Z","updated_at":"2026-12-06T05:09:27.709Z","version":1,"probation_end":null,"probation_reason":""}');
INSERT INTO audit_log VALUES(917281566451856039,'2026-12-06T05:09:27.709Z','root','members',917281566451856038,'insert',NULL,'{"id":917281566451856038,"name":"李建国","gender":"男","ethnicity":"汉族","birth_date":"1965-10-01","id_number":"110105196510010015","education":"高中","member_type":"正式党员","category":"工人","join_date":"1990-07-01","full_date":"1991-07-01","status":"在册","status_date":null,"status_reason":"","work_unit":"某厂","phone":"13900002222","address":"幸福路2号","party_group_id":917281566448253913,"note":"","name_strokes":"0712345210674E085111125405EFA0825112141056FD","name_pinyin":"lijianguo","name_initials":"ljg","name_pinyin_key":"li!jian!guo!#0712345210674E085111125405EFA0825112141056FD","created_at":"2026-12-06T05:09:27.709Z","updated_at":"2026-12-06T05:09:27.709Z","version":1,"probation_end":null,"probation_reason":""}');
INSERT INTO audit_log VALUES(917281566636810852,'2026-12-06T05:09:27.753Z','root','members',917281566451856038,'update','{"id":917281566451856038,"name":"李建国","gender":"男","ethnicity":"汉族","birth_date":"1965-10-01","id_number":"110105196510010015","education":"高中","member_type":"正式党员","category":"工人","join_date":"1990-07-01","full_date":"1991-07-01","status":"在册","status_date":null,"status_reason":"","work_unit":"某厂","phone":"13900002222","address":"幸福路2号","party_group_id":917281566448253913,"note":"","name_strokes":"0712345210674E085111125405EFA0825112141056FD","name_pinyin":"lijianguo","name_initials":"ljg","name_pinyin_key":"li!jian!guo!#0712345210674E085111125405EFA0825112141056FD","created_at":"2026-12-06T05:09:27.709Z","updated_at":"2026-12-06T05:09:27.709Z","version":1,"probation_end":null,"probation_reason":""}','{"id":917281566451856038,"name":"李建国","gender":"男","ethnicity":"汉族","birth_date":"1965-10-01","id_number":"110105196510010015","education":"高中","member_type":"正式党员","category":"工人","join_date":"1990-07-01","full_date":"1991-07-01","status":"流出","status_date":"2026-03-01","status_reason":"外出务工","work_unit":"某厂","phone":"13900002222","address":"幸福路2号","party_group_id":917281566448253913,"note":"","name_strokes":"0712345210674E085111125405EFA0825112141056FD","name_pinyin":"lijianguo","name_initials":"ljg","name_pinyin_key":"li!jian!guo!#0712345210674E085111125405EFA0825112141056FD","created_at":"2026-12-06T05:09:27.709Z","updated_at":"2026-12-06T05:09:27.753Z","version":2,"probation_end":null,"probation_reason":""}');
CREATE TABLE flows (
	id INTEGER PRIMARY KEY,
	direction TEXT NOT NULL CHECK (direction = '流出' OR direction = '流入'),
	member_id INTEGER REFERENCES members (id) ON DELETE RESTRICT,
	name TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 20),
	gender TEXT NOT NULL DEFAULT '' CHECK (gender = '' OR gender = '男' OR gender = '女'),
	id_number TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT '外出中' CHECK (status = '外出中' OR status = '已返回' OR status = '已转接' OR status = '失联'),
	dest_province TEXT NOT NULL DEFAULT '',
	dest_city TEXT NOT NULL DEFAULT '',
	dest_address TEXT NOT NULL DEFAULT '',
	flow_code TEXT NOT NULL DEFAULT '',
	occupation_code TEXT NOT NULL DEFAULT '',
	employer TEXT NOT NULL DEFAULT '',
	receiving_org TEXT NOT NULL DEFAULT '',
	receiving_contact TEXT NOT NULL DEFAULT '',
	depart_date TEXT CHECK (depart_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	expected_return TEXT CHECK (expected_return GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	dues_method TEXT NOT NULL DEFAULT '',
	origin_branch TEXT NOT NULL DEFAULT '',
	origin_contact TEXT NOT NULL DEFAULT '',
	arrive_date TEXT CHECK (arrive_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	local_address TEXT NOT NULL DEFAULT '',
	party_group_id INTEGER REFERENCES party_groups (id) ON DELETE RESTRICT,
	certificate_no TEXT NOT NULL DEFAULT '',
	certificate_date TEXT CHECK (certificate_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	certificate_returned INTEGER NOT NULL DEFAULT 0 CHECK (certificate_returned IN (0, 1)),
	return_date TEXT CHECK (return_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	note TEXT NOT NULL DEFAULT '',
	name_strokes TEXT NOT NULL DEFAULT '',
	name_pinyin TEXT NOT NULL DEFAULT '',
	name_initials TEXT NOT NULL DEFAULT '',
	name_pinyin_key TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	version INTEGER NOT NULL DEFAULT 1,
	CHECK (direction = '流入' OR member_id IS NOT NULL),
	CHECK (member_id IS NOT NULL OR name <> '')
);
CREATE TABLE flow_contacts (
	id INTEGER PRIMARY KEY,
	flow_id INTEGER NOT NULL REFERENCES flows (id) ON DELETE RESTRICT,
	date TEXT NOT NULL CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	way TEXT NOT NULL DEFAULT '',
	content TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE residents (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 20),
	gender TEXT NOT NULL DEFAULT '' CHECK (gender = '' OR gender = '男' OR gender = '女'),
	birth_year INTEGER CHECK (birth_year BETWEEN 1900 AND 2100),
	address TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	kind TEXT NOT NULL DEFAULT '其他' CHECK (kind = '独居老人' OR kind = '空巢老人' OR kind = '残疾人' OR kind = '低保户' OR kind = '特困' OR kind = '下岗职工' OR kind = '困难党员' OR kind = '留守儿童' OR kind = '其他'),
	risk TEXT NOT NULL DEFAULT '一般' CHECK (risk = '高' OR risk = '重点' OR risk = '一般'),
	needs TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT '在册' CHECK (status = '在册' OR status = '迁出' OR status = '去世'),
	status_date TEXT CHECK (status_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	note TEXT NOT NULL DEFAULT '',
	name_strokes TEXT NOT NULL DEFAULT '',
	name_pinyin TEXT NOT NULL DEFAULT '',
	name_initials TEXT NOT NULL DEFAULT '',
	name_pinyin_key TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE pairings (
	id INTEGER PRIMARY KEY,
	member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE RESTRICT,
	resident_id INTEGER NOT NULL REFERENCES residents (id) ON DELETE RESTRICT,
	form TEXT NOT NULL DEFAULT '一帮一' CHECK (form = '一帮一' OR form = '一助一' OR form = '结亲'),
	start_date TEXT NOT NULL CHECK (start_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	end_date TEXT CHECK (end_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	note TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	version INTEGER NOT NULL DEFAULT 1,
	CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE TABLE visits (
	id INTEGER PRIMARY KEY,
	resident_id INTEGER NOT NULL REFERENCES residents (id) ON DELETE RESTRICT,
	member_id INTEGER REFERENCES members (id) ON DELETE RESTRICT,
	pairing_id INTEGER REFERENCES pairings (id) ON DELETE RESTRICT,
	date TEXT NOT NULL CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	way TEXT NOT NULL DEFAULT '上门' CHECK (way = '上门' OR way = '电话' OR way = '代办'),
	content TEXT NOT NULL DEFAULT '',
	follow_up TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE teams (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 20),
	leader_id INTEGER REFERENCES volunteers (id) ON DELETE SET NULL,
	note TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE volunteers (
	id INTEGER PRIMARY KEY,
	team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE RESTRICT,
	member_id INTEGER REFERENCES members (id) ON DELETE RESTRICT,
	name TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 20),
	phone TEXT NOT NULL DEFAULT '',
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	note TEXT NOT NULL DEFAULT '',
	name_strokes TEXT NOT NULL DEFAULT '',
	name_pinyin TEXT NOT NULL DEFAULT '',
	name_initials TEXT NOT NULL DEFAULT '',
	name_pinyin_key TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	version INTEGER NOT NULL DEFAULT 1,
	CHECK (member_id IS NOT NULL OR name <> ''),
	UNIQUE (team_id, member_id)
);
CREATE TABLE availability (
	id INTEGER PRIMARY KEY,
	volunteer_id INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
	weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
	start_time TEXT NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
	end_time TEXT NOT NULL CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]'),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	version INTEGER NOT NULL DEFAULT 1,
	UNIQUE (volunteer_id, weekday, start_time)
);
CREATE TABLE shift_templates (
	id INTEGER PRIMARY KEY,
	team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE RESTRICT,
	weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
	start_time TEXT NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
	end_time TEXT NOT NULL CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]'),
	area TEXT NOT NULL DEFAULT '',
	needed INTEGER NOT NULL DEFAULT 1 CHECK (needed BETWEEN 1 AND 99),
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	note TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE shifts (
	id INTEGER PRIMARY KEY,
	team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE RESTRICT,
	template_id INTEGER REFERENCES shift_templates (id) ON DELETE SET NULL,
	date TEXT NOT NULL CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	start_time TEXT NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
	end_time TEXT NOT NULL CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]'),
	area TEXT NOT NULL DEFAULT '',
	needed INTEGER NOT NULL DEFAULT 1 CHECK (needed BETWEEN 1 AND 99),
	note TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	version INTEGER NOT NULL DEFAULT 1,
	UNIQUE (template_id, date)
);
CREATE TABLE shift_assignments (
	id INTEGER PRIMARY KEY,
	shift_id INTEGER NOT NULL REFERENCES shifts (id) ON DELETE CASCADE,
	volunteer_id INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE RESTRICT,
	note TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	version INTEGER NOT NULL DEFAULT 1,
	UNIQUE (shift_id, volunteer_id)
);
CREATE TABLE attendance (
	id INTEGER PRIMARY KEY,
	shift_id INTEGER NOT NULL REFERENCES shifts (id) ON DELETE RESTRICT,
	volunteer_id INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE RESTRICT,
	status TEXT NOT NULL DEFAULT '出勤' CHECK (status = '出勤' OR status = '缺勤' OR status = '请假'),
	minutes INTEGER CHECK (minutes BETWEEN 0 AND 1440),
	note TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	version INTEGER NOT NULL DEFAULT 1,
	UNIQUE (shift_id, volunteer_id)
);
CREATE TABLE drafts (
	id INTEGER PRIMARY KEY,
	os_user TEXT NOT NULL,
	tbl TEXT NOT NULL,
	row_id INTEGER,
	base_version INTEGER,
	fields TEXT NOT NULL CHECK (json_valid(fields)),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	version INTEGER NOT NULL DEFAULT 1
);
PRAGMA writable_schema=ON;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','member_search','member_search',0,'CREATE VIRTUAL TABLE member_search USING fts5(terms, content='''', detail=none, tokenize=''ascii'', prefix=''1 2'')');
CREATE TABLE IF NOT EXISTS 'member_search_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO member_search_data VALUES(1,X'0212');
INSERT INTO member_search_data VALUES(10,X'000000000102020002010101020101');
INSERT INTO member_search_data VALUES(137438953473,X'000002d20930313131313030303086aedaebcc9dc0f2a40108323232323030303086aedaebcc9dc0f2a60108353130303130303186aedaebcc9dc0f2a602073230303530333086aedaebcc9dc0f2a4010367756f86aedaebcc9dc0f2a601076a69616e67756f86aedaebcc9dc0f2a601096c696a69616e67756f86aedaebcc9dc0f2a602026a6786aedaebcc9dc0f2a6010a77616e6778697579756e86aedaebcc9dc0f2a40202787986aedaebcc9dc0f2a4010678697579756e86aedaebcc9dc0f2a4010379756e86aedaebcc9dc0f2a40103e4ba9186aedaebcc9dc0f2a40103e59bbd86aedaebcc9dc0f2a60205bbbae59bbd86aedaebcc9dc0f2a60109e69d8ee5bbbae59bbd86aedaebcc9dc0f2a60109e78e8be7a780e4ba9186aedaebcc9dc0f2a40205a780e4ba9186aedaebcc9dc0f2a40002313186aedaebcc9dc0f2a401013286aedaebcc9dc0f2a601013586aedaebcc9dc0f2a40201016786aedaebcc9dc0f2a601016a86aedaebcc9dc0f2a601016c86aedaebcc9dc0f2a601017786aedaebcc9dc0f2a401017886aedaebcc9dc0f2a401017986aedaebcc9dc0f2a40103e4ba9186aedaebcc9dc0f2a40103e59bbd86aedaebcc9dc0f2a60202bbba86aedaebcc9dc0f2a60103e69d8e86aedaebcc9dc0f2a60103e78e8b86aedaebcc9dc0f2a40202a78086aedaebcc9dc0f2a4000332313186aedaebcc9dc0f2a40102323286aedaebcc9dc0f2a60102353186aedaebcc9dc0f2a602013286aedaebcc9dc0f2a40102677586aedaebcc9dc0f2a601026a6986aedaebcc9dc0f2a601026c6986aedaebcc9dc0f2a602016a86aedaebcc9dc0f2a60102776186aedaebcc9dc0f2a402017886aedaebcc9dc0f2a40102786986aedaebcc9dc0f2a40102797586aedaebcc9dc0f2a40106e5bbbae59bbd86aedaebcc9dc0f2a60106e69d8ee5bbba86aedaebcc9dc0f2a60106e78e8be7a78086aedaebcc9dc0f2a40205a780e4ba9186aedaebcc9dc0f2a404131313120e12140d150d110e0e0e101414100d0c0d0c0c0c0c0c0c0e0e0d0e0e0d0e0d0d0c0d0d0d0c0d0c0d0d111111');
INSERT INTO member_search_data VALUES(274877906945,X'000001a50930323232323030303086aedaebcc9dc0f2a600000108353130303130303186aedaebcc9dc0f2a60000010367756f86aedaebcc9dc0f2a6000001076a69616e67756f86aedaebcc9dc0f2a6000001096c696a69616e67756f86aedaebcc9dc0f2a6000002026a6786aedaebcc9dc0f2a600000103e59bbd86aedaebcc9dc0f2a600000205bbbae59bbd86aedaebcc9dc0f2a600000109e69d8ee5bbbae59bbd86aedaebcc9dc0f2a600000002313286aedaebcc9dc0f2a6000001013586aedaebcc9dc0f2a6000001016786aedaebcc9dc0f2a6000001016a86aedaebcc9dc0f2a6000001016c86aedaebcc9dc0f2a600000103e59bbd86aedaebcc9dc0f2a600000202bbba86aedaebcc9dc0f2a600000103e69d8e86aedaebcc9dc0f2a60000000332323286aedaebcc9dc0f2a600000102353186aedaebcc9dc0f2a600000102677586aedaebcc9dc0f2a6000001026a6986aedaebcc9dc0f2a6000001026c6986aedaebcc9dc0f2a6000002016a86aedaebcc9dc0f2a600000106e5bbbae59bbd86aedaebcc9dc0f2a600000106e69d8ee5bbba86aedaebcc9dc0f2a600000415151014160f1012160f0e0e0e0e100f10100f0f0f0f0e13');
CREATE TABLE IF NOT EXISTS 'member_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO member_search_idx VALUES(1,X'',2);
INSERT INTO member_search_idx VALUES(2,X'',2);
CREATE TABLE IF NOT EXISTS 'member_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO member_search_docsize VALUES(917281566451856036,X'09');
INSERT INTO member_search_docsize VALUES(917281566451856038,X'09');
CREATE TABLE IF NOT EXISTS 'member_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO member_search_config VALUES('version',4);
ANALYZE sqlite_schema;
CREATE UNIQUE INDEX members_id_number ON members (id_number);
CREATE INDEX audit_log_row ON audit_log (tbl, row_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log only gains rows'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log only gains rows'); END;
CREATE INDEX flows_member ON flows (member_id);
CREATE INDEX flows_party_group ON flows (party_group_id);
CREATE INDEX flows_name_strokes ON flows (name_strokes, id);
CREATE INDEX flow_contacts_flow ON flow_contacts (flow_id, date);
CREATE INDEX residents_name_strokes ON residents (name_strokes, id);
CREATE INDEX pairings_member ON pairings (member_id);
CREATE INDEX pairings_resident ON pairings (resident_id);
CREATE INDEX visits_resident ON visits (resident_id, date);
CREATE INDEX visits_member ON visits (member_id);
CREATE INDEX visits_pairing ON visits (pairing_id);
CREATE INDEX volunteers_member ON volunteers (member_id);
CREATE INDEX teams_leader ON teams (leader_id);
CREATE INDEX shift_templates_team ON shift_templates (team_id, weekday);
CREATE INDEX shifts_team ON shifts (team_id, date);
CREATE INDEX shift_assignments_volunteer ON shift_assignments (volunteer_id);
CREATE INDEX attendance_volunteer ON attendance (volunteer_id);
CREATE INDEX drafts_user ON drafts (os_user, created_at);
CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX members_join_date ON members (join_date, id);
CREATE INDEX members_join_day ON members (substr(join_date, 6, 5), status, join_date);
CREATE INDEX members_name_pinyin_key ON members (name_pinyin_key, id);
CREATE INDEX members_party_group ON members (party_group_id);
CREATE INDEX members_probation ON members (join_date, status) WHERE member_type = '预备党员';
CREATE INDEX members_roster ON members (name_strokes, id, status, category, member_type, party_group_id, name, name_pinyin, name_initials, id_number, phone);
PRAGMA writable_schema=OFF;
COMMIT;
PRAGMA user_version = 9;
PRAGMA application_id = 1514685013;
