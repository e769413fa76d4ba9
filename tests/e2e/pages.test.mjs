/*
 * pages.test.mjs - the web application through the browser: an anonymous
 * visitor is sent to the sign-in page; signing in with password and TOTP
 * code as a coordinator of Veilig Thuis Amsterdam, the work list and the
 * case list, searched without reloading the page; a form error keeps
 * what was typed.
 * Every page visited passes axe (WCAG 2.1 AA) and is photographed at
 * phone and desktop width (harness.mjs).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { appAndBrowser, signIn, withPage } from './harness.mjs';

describe('pages', () => {
	const suite = appAndBrowser();


	test('an anonymous visitor gets the sign-in page', async () => {
		await withPage(suite.browser, async (view) => {
			const { page } = view;
			const r = await page.goto(suite.app.url('/'));
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

	test('a sign-in form error keeps the input', async () => {
		await withPage(suite.browser, async (view) => {
			const { page } = view;
			await page.goto(suite.app.url('/aanmelden'));
			await view.check('aanmelden');
			await page.getByLabel('Gebruikersnaam')
				.fill('coordinator.ams');
			await page.getByRole('button', { name: 'Aanmelden' })
				.click();
			await page.getByRole('alert').waitFor();
			await view.check('aanmelden-fout');
			assert.equal(await page.getByLabel('Gebruikersnaam')
				     .inputValue(), 'coordinator.ams');
			const pw = page.getByLabel('Wachtwoord');
			assert.equal(await pw.getAttribute('aria-invalid'),
				     'true');
			assert.match(await page.getByRole('alert').innerText(),
				     /Vul dit veld in/);
		});
	});

	test('a coordinator signs in and sees the work list and the cases',
	     async () => {
		await withPage(suite.browser, async (view) => {
			const { page } = view;
			await signIn(view, suite.app, 'coordinator.ams');
			assert.equal(new URL(page.url()).pathname, '/');
			await page.getByRole('heading',
				{ level: 1, name: 'Werklijst' }).waitFor();
			await view.check('werklijst');

			await page.getByRole('link', { name: 'Dossiers' })
				.first().click();
			await page.waitForURL('**/dossiers');
			await page.getByRole('heading',
				{ level: 1, name: 'Dossiers' }).waitFor();
			await view.check('dossiers');
			/* Amsterdam's cases only, at least one. */
			const refs = await page
				.locator('table a[href^="/dossiers/"]')
				.allInnerTexts();
			assert.ok(refs.length > 0, 'no cases listed');
			for (const ref of refs)
				assert.match(ref, /^AMS-/);

			/* Searching swaps only the results (the script), and the
			 * address follows: the page itself is not reloaded. */
			await page.evaluate(() => { window.geenHerlaad = 1; });
			const part = refs[0].slice(-5);
			await page.getByLabel('Kenmerk').fill(part);
			await page.getByRole('button', { name: 'Zoeken' }).click();
			await page.waitForURL((u) =>
				u.searchParams.get('kenmerk') === part);
			await page.locator('#resultaten[aria-busy]')
				.waitFor({ state: 'detached' });
			assert.equal(await page.evaluate(() => window.geenHerlaad),
				     1, 'the whole page was loaded again');
			const found = await page
				.locator('table a[href^="/dossiers/"]')
				.allInnerTexts();
			assert.ok(found.includes(refs[0]), found.join(', '));
			for (const ref of found)
				assert.ok(ref.includes(part),
					  ref);
			await view.check('dossiers-gezocht');
		});
	});
});
