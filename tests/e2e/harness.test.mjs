/*
 * harness.test.mjs - the harness itself: TOTP against RFC 6238's vectors,
 * the demo output parser, a server that starts, answers /health to the
 * browser and stops with status 0, and an axe check that fails on a page
 * with a violation and passes on a clean one (so a page test can fail).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { appAndBrowser, parseDemo, totp, withPage } from
	'./harness.mjs';

/* RFC 6238 appendix B, SHA1: the ASCII key "12345678901234567890". */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('harness', () => {
	test('totp gives the RFC 6238 SHA1 test vectors', () => {
		const vectors = [
			[59, '94287082'], [1111111109, '07081804'],
			[1111111111, '14050471'], [1234567890, '89005924'],
			[2000000000, '69279037'], [20000000000, '65353130'],
		];
		for (const [t, code] of vectors)
			assert.equal(totp(RFC_SECRET, t * 1000, 8), code);
		assert.equal(totp(RFC_SECRET, 59 * 1000), '287082');
	});

	test('parseDemo reads the password and the secrets', () => {
		const text = 'Gedeeld demowachtwoord voor de nieuwe ' +
			'gebruikers: pw123\n(wordt maar een keer getoond)\n' +
			'  coordinator.ams          ' +
			'AWABXHL5EGVKDFHANX3J5V3LU54A3CDH\n' +
			'  agent.ams                ' +
			'6OW7WVKF4OKNX4PBPYQSS2Q2QSLZ5RML\n';
		const demo = parseDemo(text);
		assert.equal(demo.password, 'pw123');
		assert.deepEqual(Object.keys(demo.secrets),
				 ['coordinator.ams', 'agent.ams']);
		assert.throws(() => parseDemo('nothing printed'));
	});

	describe('with a server and a browser', () => {
		const suite = appAndBrowser();


		test('the demo logins are there', () => {
			assert.ok(suite.app.demo.password.length >= 8);
			assert.match(suite.app.demo.secrets['coordinator.ams'],
				     /^[A-Z2-7]{32}$/);
			assert.ok(suite.app.demo.secrets['agent.lim']);
		});

		test('the browser reaches /health', async () => {
			await withPage(suite.browser, async (view) => {
				const r = await view.page.request.get(
					suite.app.url('/health'));
				assert.equal(r.status(), 200);
				assert.ok(await r.json());
			});
		});

		test('check fails on an axe violation, passes a clean page',
		     async () => {
			await withPage(suite.browser, async (view) => {
				await view.page.setContent(
					'<!doctype html><html lang="nl"><head>' +
					'<title>Fout</title></head><body><main>' +
					'<h1>Fout</h1><img src="x.png">' +
					'</main></body></html>');
				await assert.rejects(view.check('harness-fout'),
						     /image-alt/);
				await view.page.setContent(
					'<!doctype html><html lang="nl"><head>' +
					'<title>Goed</title></head><body><main>' +
					'<h1>Goed</h1><p>Tekst.</p>' +
					'</main></body></html>');
				await view.check('harness-goed');
			});
		});
	});
});
