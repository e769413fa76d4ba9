/*
 * enrol.test.mjs - a new user's first sign-in in the browser (issue 5): a
 * demo user without a second factor (agent2.ams) gives the password, is
 * sent to the enrolment page, sees the QR code (an <svg> with role img),
 * reads the secret from the page text, types a wrong code (refused beside
 * the field) and then the right one computed here (RFC 6238, as an
 * authenticator app would), and lands on the work list. Then "Mijn
 * account" from the menu, a refused password change and a good one.
 * Every page visited passes axe (WCAG 2.1 AA) and is photographed at
 * phone and desktop width (harness.mjs).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { appAndBrowser, totp, withPage } from './harness.mjs';

const USER = 'agent2.ams';
const NEW_PASSWORD = 'een nieuw en lang wachtwoord';

describe('enrolment and account', () => {
	const suite = appAndBrowser();


	test('a new user enrols with the QR code and reaches the work list',
	     async () => {
		assert.equal(suite.app.demo.secrets[USER], undefined,
			     `${USER} must start without a second factor`);
		await withPage(suite.browser, async (view) => {
			const { page } = view;
			await page.goto(suite.app.url('/aanmelden'));
			await view.check('enrol-aanmelden');
			await page.getByLabel('Gebruikersnaam').fill(USER);
			await page.getByLabel('Wachtwoord')
				.fill(suite.app.demo.password);
			await Promise.all([
				page.waitForURL('**/aanmelden/instellen'),
				page.getByRole('button', { name: 'Aanmelden' })
					.click(),
			]);
			await page.getByRole('heading', { level: 1,
				name: 'Tweede factor instellen' }).waitFor();
			const qr = page.locator('svg[role="img"]');
			assert.equal(await qr.count(), 1);
			assert.match(await qr.locator('title').textContent(),
				     /QR-code/);
			assert.ok((await qr.boundingBox()).width >= 150,
				  'the QR code is too small to scan');
			await view.check('enrol-instellen');

			/* the secret as the user reads it: groups of four */
			const text = await page.locator('main').innerText();
			const m = /\b((?:[A-Z2-7]{4} ){7}[A-Z2-7]{4})\b/
				.exec(text);
			assert.ok(m, `no secret on the page:\n${text}`);
			const secret = m[1].replaceAll(' ', '');

			/* a wrong code: refused beside the field */
			const code = page.getByLabel('Code', { exact: true });
			await code.fill(totp(secret, Date.now() + 10 * 30000));
			await page.getByRole('button',
				{ name: 'Instellen en aanmelden' }).click();
			await page.getByRole('alert').waitFor();
			assert.match(await page.getByRole('alert').innerText(),
				     /De code klopt niet/);
			assert.equal(await code.getAttribute('aria-invalid'),
				     'true');
			assert.equal(await page.locator('svg[role="img"]')
				     .count(), 1, 'the QR code stays');
			await view.check('enrol-fout');

			/* the right code: the work list */
			await code.fill(totp(secret));
			await Promise.all([
				page.waitForURL((u) => u.pathname === '/'),
				page.getByRole('button',
					{ name: 'Instellen en aanmelden' })
					.click(),
			]);
			await page.getByRole('heading',
				{ level: 1, name: 'Werklijst' }).waitFor();
			await view.check('enrol-werklijst');

			/* Mijn account, from the menu */
			await Promise.all([
				page.waitForURL('**/account'),
				page.getByRole('link', { name: 'Mijn account' })
					.click(),
			]);
			await page.getByRole('heading',
				{ level: 1, name: 'Mijn account' }).waitFor();
			const facts = await page.locator('main').innerText();
			assert.match(facts, /Agent basisteam Amsterdam/);
			assert.match(facts, /Politiemedewerker/);
			assert.match(facts, /Tweede factor/);
			await view.check('account');

			/* the repeat differs: said beside the field */
			await page.getByLabel('Huidig wachtwoord')
				.fill(suite.app.demo.password);
			await page.getByLabel('Nieuw wachtwoord', { exact: true })
				.fill(NEW_PASSWORD);
			await page.getByLabel('Herhaal het nieuwe wachtwoord')
				.fill(NEW_PASSWORD + '!');
			await page.getByRole('button',
				{ name: 'Wachtwoord wijzigen' }).click();
			await page.getByRole('alert').waitFor();
			assert.equal(await page
				     .getByLabel('Herhaal het nieuwe wachtwoord')
				     .getAttribute('aria-invalid'), 'true');
			await view.check('account-fout');

			/* a good change: still signed in, confirmed */
			await page.getByLabel('Huidig wachtwoord')
				.fill(suite.app.demo.password);
			await page.getByLabel('Nieuw wachtwoord', { exact: true })
				.fill(NEW_PASSWORD);
			await page.getByLabel('Herhaal het nieuwe wachtwoord')
				.fill(NEW_PASSWORD);
			await Promise.all([
				page.waitForURL('**/account?gewijzigd=1'),
				page.getByRole('button',
					{ name: 'Wachtwoord wijzigen' }).click(),
			]);
			await page.getByRole('status').waitFor();
			assert.match(await page.getByRole('status').innerText(),
				     /Uw wachtwoord is gewijzigd/);
			await view.check('account-gewijzigd');
		});
	});
});
