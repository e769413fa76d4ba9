/*
 * harness.mjs - the browser test harness: a real `casustafel serve` on a
 * fresh demo database, driven by Debian's chromium through playwright-core,
 * with axe checking every page visited and screenshots at phone and desktop
 * width.
 *
 * * Nothing is built here: the binary comes from CASUSTAFEL_BIN (meson sets
 *   it). The commands run with CASUSTAFEL_* stripped from the environment
 *   except the variables set here, so a developer's settings never leak in.
 * * startApp(): `init` + `demo --cases 40` in a new temporary directory (the
 *   shared demo password and every demo user's TOTP secret are read from
 *   what `demo` prints, as tests/api/conftest.py does), then `serve --port
 *   0`: the real port comes from the line "Casustafel luistert op ...", and
 *   the app is ready when /health answers. app.stop() sends SIGTERM, waits
 *   for the exit (status 0 expected; SIGKILL after 10 s) and removes the
 *   directory; call it from after() so it also runs when a test failed.
 *   Each test file starts its own app: node --test runs files in separate
 *   processes, and a TOTP code is good once per user and 30-second step.
 * * appAndBrowser(): in a describe(), the before() and after() that start
 *   and stop an app and a browser; most suites need nothing else.
 * * totp(): RFC 6238 (HMAC-SHA1, 6 digits, 30 s) with node:crypto.
 * * launchBrowser(): /usr/bin/chromium (or CASUSTAFEL_E2E_CHROMIUM), headless,
 *   no sandbox (root), background networking off; playwright gives it a new
 *   empty user data dir. No browser is ever downloaded.
 * * openPage(browser): a page in its own context (AxeBuilder needs one from
 *   browser.newContext()). page.check(name) runs axe with the WCAG 2.1 A and
 *   AA tags (any violation fails the test, listed rule by rule) and saves
 *   screenshots at 360 px and 1280 px wide into the output directory
 *   (CASUSTAFEL_E2E_OUT, default build/e2e-screenshots). page.close() fails
 *   when a page was navigated to and never checked, so no page visited can
 *   escape axe.
 */
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { promisify } from 'node:util';

import { chromium } from 'playwright-core';
import AxeBuilderModule from '@axe-core/playwright';

const run = promisify(execFile);
const AxeBuilder = AxeBuilderModule.default ?? AxeBuilderModule;

const here = dirname(fileURLToPath(import.meta.url));
export const SOURCE_ROOT = resolve(here, '..', '..');
export const DEMO_CASES = 40;
const START_TIMEOUT_MS = 20000;
const STOP_TIMEOUT_MS = 10000;
const LISTEN_RE = /Casustafel luistert op (http:\/\/\S+?)\/?$/m;
const CHROMIUM = process.env.CASUSTAFEL_E2E_CHROMIUM || '/usr/bin/chromium';
export const OUT_DIR = process.env.CASUSTAFEL_E2E_OUT ||
	join(SOURCE_ROOT, 'build', 'e2e-screenshots');
export const WIDTHS = { telefoon: 360, desktop: 1280 };
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

function
binary()
{
	const bin = process.env.CASUSTAFEL_BIN;
	assert.ok(bin, 'CASUSTAFEL_BIN is not set (meson test sets it)');
	return bin;
}

/* The environment without the caller's CASUSTAFEL_* settings, plus extra. */
export function
cleanEnv(extra = {})
{
	const env = {};
	for (const [k, v] of Object.entries(process.env))
		if (!k.startsWith('CASUSTAFEL_'))
			env[k] = v;
	return { ...env, ...extra };
}

function
base32Decode(text)
{
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = 0, value = 0;
	const out = [];

	for (const ch of text.replace(/=+$/, '').toUpperCase()) {
		const idx = alphabet.indexOf(ch);
		assert.ok(idx >= 0, `not base32: ${ch}`);
		value = (value << 5) | idx;
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			out.push((value >>> bits) & 0xff);
		}
	}
	return Buffer.from(out);
}

/*
 * The RFC 6238 code of a base32 secret at atMs (milliseconds), SHA1,
 * 30-second steps; digits 6 unless told (the RFC's vectors use 8).
 */
export function
totp(secret, atMs = Date.now(), digits = 6)
{
	const step = Math.floor(atMs / 1000 / 30);
	const counter = Buffer.alloc(8);
	counter.writeBigUInt64BE(BigInt(step));
	const mac = createHmac('sha1', base32Decode(secret))
		.update(counter).digest();
	const off = mac[mac.length - 1] & 15;
	const code = (mac.readUInt32BE(off) & 0x7fffffff) % 10 ** digits;
	return String(code).padStart(digits, '0');
}

/* Sleep into the next 30-second TOTP step (a code not used yet). */
export async function
waitNextStep()
{
	const ms = 30000 - (Date.now() % 30000) + 200;
	await new Promise((r) => setTimeout(r, ms));
}

/* What `demo` printed: the shared password and the TOTP secrets. */
export function
parseDemo(text)
{
	const pw = /demowachtwoord voor de nieuwe gebruikers: (\S+)/.exec(text);
	assert.ok(pw, `no demo password in:\n${text}`);
	const secrets = {};
	for (const m of text.matchAll(/^ {2}(\S+)\s+([A-Z2-7]{32})$/gm))
		secrets[m[1]] = m[2];
	assert.ok(secrets['coordinator.ams'], `no TOTP secrets in:\n${text}`);
	return { password: pw[1], secrets };
}

function
readListenUrl(proc)
{
	return new Promise((resolveUrl, reject) => {
		let out = '', err = '';
		const timer = setTimeout(() => fail('timed out'),
					 START_TIMEOUT_MS);
		function fail(why) {
			clearTimeout(timer);
			reject(new Error(`server did not start (${why}): ` +
					 `${out}${err}`));
		}
		proc.stderr.on('data', (d) => { err += d; });
		proc.stdout.on('data', function onData(d) {
			out += d;
			const m = LISTEN_RE.exec(out);
			if (m) {
				clearTimeout(timer);
				proc.stdout.off('data', onData);
				proc.stdout.resume();
				resolveUrl(m[1]);
			}
		});
		proc.on('exit', (code, sig) => fail(`exit ${code ?? sig}`));
	});
}

async function
waitHealth(base)
{
	const deadline = Date.now() + START_TIMEOUT_MS;
	while (Date.now() < deadline) {
		try {
			const r = await fetch(base + '/health',
					      { signal: AbortSignal.timeout(1000) });
			if (r.ok)
				return;
		} catch {
			/* not listening yet */
		}
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`no /health from ${base}`);
}

function
stopProcess(proc)
{
	return new Promise((resolveStop) => {
		if (proc.exitCode !== null || proc.signalCode !== null) {
			resolveStop({ code: proc.exitCode,
				      signal: proc.signalCode });
			return;
		}
		const timer = setTimeout(() => proc.kill('SIGKILL'),
					 STOP_TIMEOUT_MS);
		proc.once('exit', (code, signal) => {
			clearTimeout(timer);
			resolveStop({ code, signal });
		});
		proc.kill('SIGTERM');
	});
}

/*
 * A demo database and a running server. Always pair with app.stop() in
 * after(); stop() is safe to call twice and when the start failed half way.
 */
export async function
startApp(settings = {})
{
	const dir = await mkdtemp(join(tmpdir(), 'casustafel-e2e-'));
	const env = cleanEnv({
		CASUSTAFEL_DATABASE: join(dir, 'casustafel.db'),
		CASUSTAFEL_KEY_FILE: join(dir, 'server.key'),
		CASUSTAFEL_INSTRUMENTS_DIR: join(SOURCE_ROOT, 'data',
						 'instruments'),
	});
	for (const [k, v] of Object.entries(settings))
		env['CASUSTAFEL_' + k.toUpperCase()] = String(v);
	const app = { dir, env, proc: null, base: null, demo: null };

	app.stop = async function () {
		let status = null;
		if (app.proc) {
			status = await stopProcess(app.proc);
			app.proc = null;
		}
		await rm(dir, { recursive: true, force: true });
		if (status)
			assert.deepEqual(status, { code: 0, signal: null },
					 'the server must stop with status 0');
	};

	try {
		await run(binary(), ['init'], { env });
		const demo = await run(binary(),
				       ['demo', '--cases', String(DEMO_CASES)],
				       { env, maxBuffer: 16 << 20 });
		app.demo = parseDemo(demo.stdout);
		app.proc = spawn(binary(), ['serve', '--port', '0'],
				 { env, stdio: ['ignore', 'pipe', 'pipe'] });
		/* Keep stderr drained; show it when a test fails. */
		app.log = '';
		app.proc.stderr.on('data', (d) => { app.log += d; });
		app.base = await readListenUrl(app.proc);
		await waitHealth(app.base);
	} catch (e) {
		await app.stop().catch(() => {});
		throw e;
	}
	app.url = (path) => app.base + path;
	return app;
}

export async function
launchBrowser()
{
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu',
		       '--disable-quic', '--no-first-run',
		       '--disable-background-networking',
		       '--disable-component-update', '--disable-sync'],
	});
}

/*
 * An app and a browser for the enclosing describe(): before() starts both,
 * after() runs `cleanup` (if given), then closes the browser and stops the
 * app, also when a test failed. The object returned has .app and .browser
 * from before() on.
 */
export function
appAndBrowser(cleanup = null)
{
	const suite = { app: null, browser: null };

	before(async () => {
		suite.app = await startApp();
		suite.browser = await launchBrowser();
	});
	after(async () => {
		if (cleanup)
			await cleanup();
		await suite.browser?.close();
		await suite.app?.stop();
	});
	return suite;
}

function
axeReport(violations)
{
	return violations.map((v) => `  ${v.id} (${v.impact}): ${v.help}\n` +
		v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n'))
		.join('\n');
}

function
fileSafe(name)
{
	return name.replace(/[^A-Za-z0-9._-]+/g, '-');
}

/*
 * A page in a new context, at desktop width: view.page is playwright's
 * page, view.check(name) runs axe and takes the screenshots of the page
 * as it is now, view.close() closes the context and fails when a
 * navigation was never checked.
 */
export async function
openPage(browser)
{
	const context = await browser.newContext({
		viewport: { width: WIDTHS.desktop, height: 900 },
		locale: 'nl-NL',
	});
	/* Fail in seconds, not playwright's 30 s, when a page lacks a part. */
	context.setDefaultTimeout(10000);
	const page = await context.newPage();
	const navigations = [];

	page.on('framenavigated', (frame) => {
		if (frame === page.mainFrame() && frame.url() !== 'about:blank')
			navigations.push({ url: frame.url(), checked: false });
	});

	async function check(name) {
		await page.waitForLoadState('load');
		const result = await new AxeBuilder({ page })
			.withTags(AXE_TAGS).analyze();
		assert.equal(result.violations.length, 0,
			     `axe: ${name} (${page.url()}) breaks WCAG 2.1 AA:\n` +
			     axeReport(result.violations));
		await mkdir(OUT_DIR, { recursive: true });
		for (const [label, width] of Object.entries(WIDTHS)) {
			await page.setViewportSize({ width, height: 900 });
			await page.screenshot({
				path: join(OUT_DIR,
					   `${fileSafe(name)}-${label}.png`),
				fullPage: true,
			});
		}
		await page.setViewportSize({ width: WIDTHS.desktop,
					     height: 900 });
		/* The page shown now is the last navigation's. */
		if (navigations.length)
			navigations[navigations.length - 1].checked = true;
	}

	async function close() {
		await context.close();
		const missed = navigations.filter((n) => !n.checked)
			.map((n) => n.url);
		assert.deepEqual(missed, [], 'pages visited without check()');
	}
	return { page, context, check, close };
}

/*
 * Run fn(view) on a new page and close it after; a failure of fn is the
 * one reported (the unchecked-page guard only speaks when fn passed).
 */
export async function
withPage(browser, fn)
{
	const view = await openPage(browser);
	try {
		await fn(view);
	} catch (e) {
		await view.context.close().catch(() => {});
		throw e;
	}
	await view.close();
}

/*
 * Sign in through the forms as username: /aanmelden (password), then the
 * code page (the current TOTP code); both pages are checked under the
 * name prefix + step. Each user signs in at most once per TOTP
 * step (the server refuses a code used before); waitNextStep() otherwise.
 * Ends on the page signing in leads to (not yet checked).
 */
export async function
signIn(view, app, username, prefix = username)
{
	const { page } = view;
	const secret = app.demo.secrets[username];
	assert.ok(secret, `no TOTP secret for ${username}`);

	const r = await page.goto(app.url('/aanmelden'));
	assert.equal(r.status(), 200);
	await view.check(`${prefix}-aanmelden`);
	await page.getByLabel('Gebruikersnaam').fill(username);
	await page.getByLabel('Wachtwoord').fill(app.demo.password);
	await Promise.all([
		page.waitForURL('**/aanmelden/code'),
		page.getByRole('button', { name: 'Aanmelden' }).click(),
	]);
	await view.check(`${prefix}-code`);
	await page.getByLabel('Code', { exact: true }).fill(totp(secret));
	await page.getByRole('button', { name: 'Bevestigen' }).click();
	await page.waitForURL((u) => !u.pathname.startsWith('/aanmelden'),
			      { timeout: 10000 }).catch(async () => {
		assert.fail(`${username} not signed in: ` +
			    await page.locator('main').innerText());
	});
}
