/*
 * pages.test.mjs - the web application through the browser. For now the
 * sign-in page: an anonymous visitor of the work list is sent to it, and
 * it passes axe (WCAG 2.1 AA) at phone and desktop width with its
 * labelled fields. Every page visited is checked (harness.mjs).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, startApp, withPage } from './harness.mjs';

describe('pages', () => {
	let app, browser;

	before(async () => {
		app = await startApp();
		browser = await launchBrowser();
	});
	after(async () => {
		await browser?.close();
		await app?.stop();
	});

	test('an anonymous visitor gets the sign-in page', async () => {
		await withPage(browser, async (view) => {
			const { page } = view;
			const r = await page.goto(app.url('/'));
			assert.equal(r.status(), 200);
			assert.equal(new URL(page.url()).pathname, '/aanmelden');
			await page.getByRole('heading',
				{ level: 1, name: 'Aanmelden' }).waitFor();
			assert.equal(await page.getByLabel('Gebruikersnaam')
				     .getAttribute('autocomplete'), 'username');
			assert.equal(await page.getByLabel('Wachtwoord')
				     .getAttribute('type'), 'password');
			await view.check('aanmelden');
		});
	});
});
