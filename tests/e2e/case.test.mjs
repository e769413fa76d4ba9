/*
 * case.test.mjs - the case file through the browser: a coordinator of
 * Veilig Thuis Amsterdam opens a case from the case list, reads the case
 * file (the family diagram with its text alternative), adds a person
 * after a form error that kept what was typed, adds an incident, and
 * looks at the case team and the journal; a Flemish police officer
 * (agent.lim) gets the 404 page for that Amsterdam case.
 * Every page visited passes axe (WCAG 2.1 AA) and is photographed at
 * phone and desktop width (harness.mjs).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { appAndBrowser, signIn, withPage } from './harness.mjs';

/* "YYYY-MM-DDTHH:MM" two days ago, as a datetime-local box takes it. */
function
twoDaysAgo()
{
	const d = new Date(Date.now() - 2 * 24 * 3600 * 1000);
	const p = (n) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}` +
		`T${p(d.getHours())}:${p(d.getMinutes())}`;
}

describe('case file', () => {
	const suite = appAndBrowser();
	let casePath;


	test('a coordinator works on a case file', async () => {
		await withPage(suite.browser, async (view) => {
			const { page } = view;
			await signIn(view, suite.app, 'coordinator.ams',
				     'case-ams');
			await view.check('case-werklijst');

			await page.getByRole('link', { name: 'Dossiers' })
				.first().click();
			await page.waitForURL('**/dossiers');
			await view.check('case-dossiers');
			/* A case of the list whose file draws a family. */
			const hrefs = await page
				.locator('table a[href^="/dossiers/"]')
				.evaluateAll((as) => as.map((a) =>
					a.getAttribute('href')));
			for (const href of hrefs) {
				/* fetch() from the page: its session, no
				 * navigation (the Secure cookie stays in the
				 * browser on http://127.0.0.1). */
				const html = await page.evaluate(async (h) =>
					(await fetch(h)).text(), href);
				if (html.includes('<svg')) {
					casePath = href;
					break;
				}
			}
			assert.ok(casePath, 'no case with a family diagram');
			await page.locator(`table a[href="${casePath}"]`).click();
			await page.waitForURL(`**${casePath}`);
			await page.getByRole('heading', { level: 1,
				name: /^Dossier AMS-\d{4}-\d{5}$/ }).waitFor();
			await view.check('dossier');

			/* The diagram and, unfolded, its text alternative. */
			const diagram = page.locator('.case-diagram svg');
			assert.ok(await diagram.isVisible(), 'diagram not shown');
			assert.equal(await diagram.getAttribute('role'), 'img');
			const words = page.locator('.case-diagram__text li');
			assert.equal(await words.first().isVisible(), false);
			await page.getByText('Het gezinsschema in woorden').click();
			assert.match(await words.first().innerText(), /jaar/);
			for (const name of ['Personen', 'Gezinsschema',
					    'Incidenten', 'Risicotaxatie',
					    'Huisverbod', 'Casusteam',
					    'Tijdlijn'])
				await page.getByRole('heading',
					{ level: 2, name, exact: true }).waitFor();

			/* A person: first without a role, with a bad BSN. */
			await page.getByRole('link', { name: 'Persoon toevoegen' })
				.click();
			await page.waitForURL('**/personen/nieuw');
			await view.check('persoon-nieuw');
			await page.getByLabel('Voornaam').fill('Fatima');
			await page.getByLabel('Achternaam').fill('El Amrani');
			await page.getByLabel(/^BSN/)
				.fill('123456789');
			await page.getByRole('button', { name: 'Opslaan' }).click();
			await page.getByRole('alert').waitFor();
			await view.check('persoon-fout');
			assert.equal(await page.getByLabel('Voornaam').inputValue(),
				     'Fatima');
			assert.equal(await page.getByLabel(/^BSN/)
				     .getAttribute('aria-invalid'), 'true');
			const alert = await page.getByRole('alert').innerText();
			assert.match(alert, /elfproef/);
			assert.match(alert, /Kies minstens één rol/);

			await page.getByLabel(/^BSN/).fill('');
			await page.getByLabel('Slachtoffer', { exact: true }).check();
			await page.getByLabel('Achterblijver', { exact: true })
				.check();
			await page.getByRole('button', { name: 'Opslaan' }).click();
			await page.waitForURL(`**${casePath}#personen`);
			await view.check('dossier-persoon');
			await page.getByRole('cell', { name: 'Fatima El Amrani' })
				.waitFor();

			/* An incident. */
			await page.getByRole('link', { name: 'Incident toevoegen' })
				.click();
			await page.waitForURL('**/incidenten/nieuw');
			await view.check('incident-nieuw');
			await page.getByLabel('Datum en tijd').fill(twoDaysAgo());
			await page.getByLabel('Partnergeweld', { exact: true })
				.check();
			await page.getByLabel('Bedreigingen', { exact: true })
				.check();
			await page.getByLabel('Ernst').selectOption('serious');
			await page.getByLabel('Beschrijving').fill(
				'Buren belden 112.\nBedreigd met een mes.');
			await page.getByRole('button', { name: 'Opslaan' }).click();
			await page.waitForURL(`**${casePath}#incidenten`);
			await view.check('dossier-incident');
			await page.locator('#incidenten')
				.getByText('Bedreigd met een mes.').waitFor();

			/* The team. */
			await page.getByRole('link', { name: 'Naar het casusteam' })
				.click();
			await page.waitForURL('**/team');
			await page.getByRole('heading',
				{ level: 1, name: /^Casusteam/ }).waitFor();
			await view.check('casusteam');

			/* The journal, newest first. */
			await page.goto(suite.app.url(casePath));
			await view.check('dossier-terug');
			await page.getByRole('link', { name: 'Het hele journaal' })
				.click();
			await page.waitForURL('**/journaal');
			await view.check('journaal');
			const what = await page.locator('.case-timeline__what')
				.allInnerTexts();
			assert.equal(what[0], 'Incident vastgelegd');
			assert.equal(what[1], 'Persoon toegevoegd: Fatima El Amrani');
			assert.ok(await page.locator('ol.case-timeline time[datetime]')
				  .count() > 1);
		});
	});

	test('a Flemish police officer cannot reach an Amsterdam case',
	     async () => {
		assert.ok(casePath, 'the first test found no case');
		await withPage(suite.browser, async (view) => {
			const { page } = view;
			await signIn(view, suite.app, 'agent.lim', 'case-lim');
			await view.check('case-lim-werklijst');
			const r = await page.goto(suite.app.url(casePath));
			assert.equal(r.status(), 404);
			await page.getByRole('heading',
				{ level: 1, name: 'Niet gevonden' }).waitFor();
			await view.check('case-lim-404');
			assert.ok(!(await page.content()).includes('AMS-'));
		});
	});
});
