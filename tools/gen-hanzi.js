#!/usr/bin/env node
/* gen-hanzi.js - generate data/hanzi.inc, the stroke and pinyin tables of
 * src/collate.c.
 *
 * Usage (from the top of the source tree):
 *
 *     mkdir -p /tmp/collate-npm && cd /tmp/collate-npm &&
 *         npm install cnchar-order@3.2.6 pinyin-pro@3.29.4 && cd -
 *     node tools/gen-hanzi.js /tmp/collate-npm/node_modules \
 *         /usr/share/unicode > data/hanzi.inc
 *
 * The first argument is a node_modules directory holding the two npm
 * packages, the second a directory holding Unihan_Readings.txt and
 * Unihan_IRGSources.txt, plain or .bz2 (Debian package unicode-data).
 * Needs node >= 14 and, for .bz2 files, bzip2.  The output is
 * deterministic: the same inputs give the same bytes.  The build never
 * runs this script; data/hanzi.inc is committed.
 *
 * Sources and licences:
 *   Unihan database 15.0.0 (kTotalStrokes, kMandarin), (c) Unicode, Inc.,
 *       Unicode License (https://www.unicode.org/license.txt).
 *   cnchar-order 3.2.6 (stroke order of 6939 common characters),
 *       (c) theajack, MIT License.
 *   pinyin-pro 3.29.4 (readings, surname readings), (c) zh-lx, MIT License.
 *
 * What is taken from where:
 *   stroke count   kTotalStrokes (the first value: the mainland form);
 *   stroke order   cnchar-order, its stroke letters folded into the five
 *                  classes 横1 竖2 撇3 点4 折5 of the standard (提 is 横,
 *                  竖钩 is 竖, 捺 is 点, every bending stroke is 折).  An
 *                  order whose length disagrees with kTotalStrokes is
 *                  dropped (cnchar-order 3.2.6 misses a stroke of 皙);
 *   reading        pinyin-pro's first reading, else kMandarin's first;
 *                  tones removed, ü written v;
 *   surname        pinyin-pro's surname list where its reading differs
 *                  from the common one, plus EXTRA_SURNAMES below;
 *                  two-character surnames where the pair is read
 *                  otherwise than its characters (万俟 mo qi).
 */
'use strict';

const fs = require('fs');
const path = require('path');
const url = require('url');
const { execFileSync } = require('child_process');

/* The versions the committed table was made with. */
const TESTED = { 'cnchar-order': '3.2.6', 'pinyin-pro': '3.29.4' };

/* Surname readings missing from pinyin-pro's list: the 姓 senses of
 * 现代汉语词典 (种 Chóng, 重 Chóng, 秘 Bì). */
const EXTRA_SURNAMES = { '种': 'chong', '重': 'chong', '秘': 'bi' };

/* Layout shared with src/collate.c (HZ_FORMAT guards it). */
const FORMAT = 1;
const ORDER_MAX = 21;           /* strokes kept: 3 bits each in 63 bits */
const BMP_FIRST = 0x3400, BMP_LAST = 0x9FFF;
const RANGE_GAP = 64;           /* split the sparse ranges at longer gaps */

/* cnchar-order's stroke letters (its strokeTable) to the five classes. */
const STROKE_CLASS = {
	j: 1, i: 1,                     /* 横, 提 */
	f: 2, g: 2,                     /* 竖, 竖钩 */
	s: 3,                           /* 撇 */
	k: 4, d: 4, l: 4,               /* 点, 点 (second form), 捺 */
};
const BENDING = 'abcehmnopqrtuvwxyz';   /* 折 strokes */

function die(msg)
{
	process.stderr.write('gen-hanzi.js: ' + msg + '\n');
	process.exit(1);
}

function warn(msg)
{
	process.stderr.write('gen-hanzi.js: ' + msg + '\n');
}

function readText(dir, name)
{
	const plain = path.join(dir, name);
	if (fs.existsSync(plain))
		return fs.readFileSync(plain, 'utf8');
	if (fs.existsSync(plain + '.bz2'))
		return execFileSync('bzip2', ['-dc', plain + '.bz2'],
		                    { encoding: 'utf8', maxBuffer: 1 << 30 });
	die('cannot find ' + plain + '[.bz2]');
}

/* Values of one Unihan field: Map code point -> array of strings. */
function unihanField(text, field)
{
	const map = new Map();
	for (const line of text.split('\n')) {
		const f = line.split('\t');
		if (f.length < 3 || f[1] !== field)
			continue;
		map.set(parseInt(f[0].slice(2), 16), f[2].trim().split(/\s+/));
	}
	return map;
}

function unihanVersion(text)
{
	const m = /^# Unicode version: (\S+)/m.exec(text);
	return m ? m[1] : 'unknown';
}

/* "lǘ" -> "lv", "zhāng" -> "zhang"; null if not plain pinyin. */
function toneless(reading)
{
	const s = reading.normalize('NFD').toLowerCase()
		.replace(/u\u0308/g, 'v').replace(/[\u0300-\u036f]/g, '');
	return /^[a-z]{1,6}$/.test(s) ? s : null;
}

function packageVersion(dir, name)
{
	const file = path.join(dir, name, 'package.json');
	if (!fs.existsSync(file))
		die('cannot find ' + file + ' (npm install ' + name + ')');
	const v = JSON.parse(fs.readFileSync(file, 'utf8')).version;
	if (v !== TESTED[name])
		warn(name + ' ' + v + ' differs from the tested ' + TESTED[name]);
	return v;
}

async function main()
{
	if (process.argv.length !== 4)
		die('usage: node tools/gen-hanzi.js NODE_MODULES_DIR UNICODE_DIR');
	const nm = path.resolve(process.argv[2]);
	const ucd = path.resolve(process.argv[3]);

	const vOrder = packageVersion(nm, 'cnchar-order');
	const vPinyin = packageVersion(nm, 'pinyin-pro');
	const orders = require(path.join(nm, 'cnchar-order')).dict.orders;
	const esm = (f) => import(url.pathToFileURL(
		path.join(nm, 'pinyin-pro', 'dist', 'esm', 'data', f)).href);
	const dict1 = (await esm('dict1.mjs')).default;
	const surnames = (await esm('surname.mjs')).default;

	const readingsText = readText(ucd, 'Unihan_Readings.txt');
	const irgText = readText(ucd, 'Unihan_IRGSources.txt');
	const uver = unihanVersion(readingsText);
	const mandarin = unihanField(readingsText, 'kMandarin');
	const total = unihanField(irgText, 'kTotalStrokes');

	/* Per code point: count, syllable text, order digits. */
	const chars = new Map();
	const get = (cp) => {
		let c = chars.get(cp);
		if (!c) {
			c = { count: 0, syl: null, order: null };
			chars.set(cp, c);
		}
		return c;
	};

	for (const [cp, v] of total)
		get(cp).count = parseInt(v[0], 10);

	let dropped = [];
	for (const ch of Object.keys(orders)) {
		const cp = ch.codePointAt(0);
		if ([...ch].length !== 1)
			continue;
		const digits = [...orders[ch]].map((l) => {
			if (STROKE_CLASS[l])
				return STROKE_CLASS[l];
			if (BENDING.includes(l))
				return 5;
			die('unknown stroke letter ' + l + ' in ' + ch);
		});
		const c = get(cp);
		if (c.count !== digits.length) {
			dropped.push(ch + ' ' + digits.length + '/' + c.count);
			continue;
		}
		c.order = digits;
	}
	if (dropped.length)
		warn('orders dropped (length/kTotalStrokes): ' + dropped.join(', '));

	const primary = new Map();      /* pinyin-pro, code point -> syllable */
	const addPrimary = (cp, value) => {
		const s = toneless(value.split(' ')[0]);
		if (s)
			primary.set(cp, s);
	};
	dict1.NumberDICT.forEach((v, cp) => { if (v) addPrimary(cp, v); });
	for (const [w, v] of dict1.StringDICT)
		if ([...w].length === 1)
			addPrimary(w.codePointAt(0), v);
	for (const [cp, v] of mandarin) {
		const s = primary.get(cp) || toneless(v[0]);
		if (s)
			get(cp).syl = s;
	}
	for (const [cp, s] of primary)
		get(cp).syl = s;

	const reading = (cp) => (chars.get(cp) || {}).syl || null;

	/* Surname readings, kept only where they differ from the common one. */
	const single = new Map(), compound = [];
	const allSurnames = Object.assign({}, surnames, EXTRA_SURNAMES);
	for (const name of Object.keys(allSurnames)) {
		const cps = [...name].map((c) => c.codePointAt(0));
		const syl = allSurnames[name].split(' ').map(toneless);
		if (syl.length !== cps.length || syl.includes(null))
			die('bad surname entry ' + name);
		if (cps.length === 1 && syl[0] !== reading(cps[0]))
			single.set(cps[0], syl[0]);
	}
	for (const name of Object.keys(allSurnames)) {
		const cps = [...name].map((c) => c.codePointAt(0));
		const syl = allSurnames[name].split(' ').map(toneless);
		if (cps.length !== 2)
			continue;
		const plain = [single.get(cps[0]) || reading(cps[0]),
		               reading(cps[1])];
		if (syl[0] !== plain[0] || syl[1] !== plain[1])
			compound.push({ name, cps, syl });
	}
	compound.sort((a, b) => a.cps[0] - b.cps[0] || a.cps[1] - b.cps[1]);

	/* The syllable table, sorted; index 0 is "no reading". */
	const sylSet = new Set();
	for (const c of chars.values())
		if (c.syl)
			sylSet.add(c.syl);
	for (const s of single.values())
		sylSet.add(s);
	for (const e of compound)
		e.syl.forEach((s) => sylSet.add(s));
	const syllables = [''].concat([...sylSet].sort());
	if (syllables.length > 512)
		die('more than 511 syllables');
	const sylIndex = new Map(syllables.map((s, i) => [s, i]));

	/* Dense table for U+3400..U+9FFF, orders numbered from 1. */
	const orderList = [0n];
	const bmp = [];
	for (let cp = BMP_FIRST; cp <= BMP_LAST; cp++) {
		const c = chars.get(cp);
		let e = 0;
		if (c) {
			if (c.count > 127)
				die('stroke count above 127');
			e = c.count | (c.syl ? sylIndex.get(c.syl) : 0) << 7;
			if (c.order) {
				let v = 0n;
				c.order.slice(0, ORDER_MAX).forEach((d, i) => {
					v |= BigInt(d) << BigInt(60 - 3 * i);
				});
				e += orderList.length * 65536;
				orderList.push(v);
			}
		}
		bmp.push(e);
	}
	if (orderList.length > 65535)
		die('too many stroke orders');

	/* Everything else, in ranges of nearly consecutive code points. */
	const others = [...chars.keys()]
		.filter((cp) => cp < BMP_FIRST || cp > BMP_LAST)
		.filter((cp) => chars.get(cp).count || chars.get(cp).syl)
		.sort((a, b) => a - b);
	const ranges = [], other = [];
	for (const cp of others) {
		let r = ranges[ranges.length - 1];
		if (!r || cp - r.last > RANGE_GAP) {
			r = { first: cp, last: cp, base: other.length };
			ranges.push(r);
			other.push(0);
		}
		while (r.last < cp) {
			r.last++;
			other.push(0);
		}
		const c = chars.get(cp);
		if (c.count > 127)
			die('stroke count above 127');
		other[r.base + (cp - r.first)] =
			c.count | (c.syl ? sylIndex.get(c.syl) : 0) << 7;
	}

	const out = [];
	const emit = (s) => out.push(s);
	const numbers = (arr, fmt, perLine) => {
		for (let i = 0; i < arr.length; i += perLine)
			emit('\t' + arr.slice(i, i + perLine).map(fmt).join(', ') + ',');
	};
	const nOrders = orderList.length - 1;
	let nCount = 0, nSyl = 0;
	for (const c of chars.values()) {
		nCount += c.count > 0;
		nSyl += c.syl !== null;
	}

	emit(`/* hanzi.inc - stroke counts, stroke orders and pinyin of Han
 * characters, for collate.c.
 *
 * Generated by tools/gen-hanzi.js; do not edit.  Regenerate with
 *     node tools/gen-hanzi.js NODE_MODULES_DIR /usr/share/unicode \\
 *         > data/hanzi.inc
 * (see the script's header for the npm install line).
 *
 * Sources:
 *     Unihan ${uver} (kTotalStrokes, kMandarin), (c) Unicode, Inc.,
 *         Unicode License (https://www.unicode.org/license.txt);
 *     cnchar-order ${vOrder} (stroke orders), (c) theajack, MIT License;
 *     pinyin-pro ${vPinyin} (readings, surnames), (c) zh-lx, MIT License.
 *
 * ${nCount} characters with a stroke count, ${nOrders} with a stroke order,
 * ${nSyl} with a reading.
 */

#define HZ_FORMAT ${FORMAT}
#define HZ_ORDER_MAX ${ORDER_MAX}
#define HZ_BMP_FIRST 0x${BMP_FIRST.toString(16).toUpperCase()}
#define HZ_BMP_LAST 0x${BMP_LAST.toString(16).toUpperCase()}

/* Toneless syllables in ASCII order, ü written v; 0 is "no reading". */
static const char hz_syllable[${syllables.length}][7] = {`);
	numbers(syllables, (s) => '"' + s + '"', 10);
	emit(`};

/* U+3400..U+9FFF: bits 0-6 stroke count (0 unknown), bits 7-15 syllable,
 * bits 16-31 index into hz_order (0: order unknown). */
static const uint32_t hz_bmp[${bmp.length}] = {`);
	numbers(bmp, String, 12);
	emit(`};

/* Stroke orders, one octal digit per stroke (1 横 2 竖 3 撇 4 点 5 折),
 * first stroke first, at most HZ_ORDER_MAX, 0 after the last. */
static const uint64_t hz_order[${orderList.length}] = {`);
	numbers(orderList, (v) => '0' + v.toString(8).padStart(ORDER_MAX, '0'), 4);
	emit(`};

/* The other characters: which hz_other entries cover which code points. */
static const struct hz_range hz_range[${ranges.length}] = {`);
	for (const r of ranges)
		emit(`\t{ 0x${r.first.toString(16).toUpperCase()}, ` +
		     `0x${r.last.toString(16).toUpperCase()}, ${r.base} },`);
	emit(`};

/* Bits 0-6 stroke count (0 unknown), bits 7-15 syllable. */
static const uint16_t hz_other[${other.length}] = {`);
	numbers(other, String, 16);
	emit(`};

/* Surname readings that differ from the common one, by code point. */
static const struct hz_surname hz_surname[${single.size}] = {`);
	for (const cp of [...single.keys()].sort((a, b) => a - b))
		emit(`\t{ 0x${cp.toString(16).toUpperCase()}, ` +
		     `${sylIndex.get(single.get(cp))} }, ` +
		     `/* ${String.fromCodePoint(cp)} ${single.get(cp)} */`);
	emit(`};

/* Two-character surnames read otherwise than their characters. */
static const struct hz_surname2 hz_surname2[${compound.length}] = {`);
	for (const e of compound)
		emit(`\t{ { 0x${e.cps[0].toString(16).toUpperCase()}, ` +
		     `0x${e.cps[1].toString(16).toUpperCase()} }, ` +
		     `{ ${sylIndex.get(e.syl[0])}, ${sylIndex.get(e.syl[1])} } }, ` +
		     `/* ${e.name} ${e.syl.join(' ')} */`);
	emit('};');
	process.stdout.write(out.join('\n') + '\n');
	warn(`${syllables.length - 1} syllables, ${nOrders} orders, ` +
	     `${ranges.length} ranges (${other.length} entries), ` +
	     `${single.size} surnames, ${compound.length} compound surnames: ` +
	     compound.map((e) => e.name).join(' '));
}

main().catch((e) => die(e.stack || String(e)));
