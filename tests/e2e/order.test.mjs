/*
 * order.test.mjs - a restraining order carried through its life in the
 * browser, by the people who take its steps, clicking the next-step
 * buttons the order page offers:
 *
 *   NL (seed 001): the police officer prepares the order, the HOvJ fills
 *   in the RiHG, links it and decides under beslissingsmandaat (after the
 *   law refused a decision without its facts), the police serve, take the
 *   keys, register the stay address and inform, Veilig Thuis makes first
 *   contact and advises, the mayor extends.
 *   BE (seed 000): the police prepare, the procureur des Konings decides
 *   orally, writes, serves and informs, the Veilig Huis advises in
 *   writing, the family court's hearing and ruling are recorded.
 *
 * Every page and every kind of form is checked with axe (WCAG 2.1 AA) and
 * photographed at 360 and 1280 px (harness.mjs view.check). The case
 * itself (persons, team) is made through the API with the signed-in
 * browser's own session: the case file pages are another test's.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';

import { appAndBrowser, openPage, signIn } from './harness.mjs';

/* The signed-in browser's API: its session cookie and its CSRF token. */
async function
api(view, method, path, body)
{
	const token = await view.page.locator('input[name="csrf_token"]')
		.first().getAttribute('value');
	const base = new URL(view.page.url()).origin;
	/* The session cookie is Secure: the browser keeps it for this
	 * trustworthy loopback origin, playwright's request does not send
	 * it over plain HTTP, so it goes by hand, as the API tests do. */
	const cookie = (await view.context.cookies())
		.find((c) => c.name === 'ct_session');
	assert.ok(cookie, 'no session cookie');
	const r = await view.page.request.fetch(base + path, {
		method,
		headers: { 'X-CSRF-Token': token,
			   Cookie: `ct_session=${cookie.value}` },
		data: body,
	});
	assert.ok(r.ok(), `${method} ${path}: ${r.status()} ` +
		  await r.text());
	return r.json();
}

async function
newCase(view, jurisdiction, region, team)
{
	const c = await api(view, 'POST', '/api/v1/cases',
			    { jurisdiction, region });
	const orgs = (await api(view, 'GET', '/api/v1/orgs?limit=1000')).items;
	for (const name of team) {
		const org = orgs.find((o) => o.name === name);
		assert.ok(org, `no organisation ${name}`);
		await api(view, 'POST', `/api/v1/cases/${c.id}/team`, {
			org_id: org.id,
			reason: 'Huisverbod: samenwerking volgens het protocol',
		});
	}
	const persons = `/api/v1/cases/${c.id}/persons`;
	await api(view, 'POST', persons, {
		given_name: 'Piet', family_name: 'de Vries',
		birth_date: '1981-02-03', sex: 'male',
		roles: ['perpetrator', 'removed'],
	});
	await api(view, 'POST', persons, {
		given_name: 'Anna', family_name: 'de Vries',
		birth_date: '1986-05-06', sex: 'female',
		roles: ['victim', 'remaining'],
	});
	return c;
}

/* One signed-in user of the suite's app, on a page of their own. */
async function
user(suite, username)
{
	const view = await openPage(suite.browser);
	await signIn(view, suite.app, username);
	await view.check(`${username}-start`);
	return view;
}

/* A path of the app the view is signed in to; check the page. */
async function
goto(view, path, name)
{
	const base = new URL(view.page.url()).origin;
	const r = await view.page.goto(base + path);
	assert.equal(r.status(), 200, `${path}: ${r.status()}`);
	await view.check(name);
}

/* Click a next-step button on the order page, check its form. */
async function
openStep(view, orderUrl, label, name)
{
	const { page } = view;
	if (!page.url().endsWith(orderUrl))
		await page.goto(orderUrl);
	await page.getByRole('link', { name: label, exact: true }).click();
	await page.waitForURL(/\/stap\//);
	await page.getByRole('heading', { level: 1, name: label }).waitFor();
	await view.check(name);
}

/* Submit a step form; back on the order page, check it. */
async function
save(view, orderUrl, name)
{
	const { page } = view;
	await Promise.all([
		page.waitForURL(orderUrl),
		page.getByRole('button', { name: 'Vastleggen' }).click(),
	]);
	await view.check(name);
}

async function
simpleStep(view, orderUrl, label, name)
{
	await openStep(view, orderUrl, label, `${name}-formulier`);
	await save(view, orderUrl, name);
}

async function
state(view)
{
	return view.page.locator('.order-status__state').innerText();
}

describe('restraining order in the browser', () => {
	const suite = appAndBrowser(async () => {
		for (const v of views)
			await v.close().catch(() => {});
	});
	const views = [];


	test('NL: prepared, assessed, decided under mandate, served, ' +
	     'extended by the mayor', async () => {
		const hovj = await user(suite, 'hovj.ams');
		views.push(hovj);
		const c = await newCase(hovj, 'NL', 'AMS',
					['Gemeente Amsterdam',
					 'Veilig Thuis Amsterdam-Amstelland']);

		/* The police officer prepares the order. */
		const agent = await user(suite, 'agent.ams');
		views.push(agent);
		await goto(agent, `/dossiers/${c.id}/huisverbod/nieuw`,
			   'nl-voorbereiden');
		let page = agent.page;
		await page.getByLabel('Acuut incident (politie)').check();
		await page.getByLabel('Adres van de woning')
			.fill('Dorpsstraat 1, Amsterdam');
		assert.equal(await page.getByLabel('Anna de Vries')
			     .isChecked(), true);
		await Promise.all([
			page.waitForURL(/\/huisverbod\/[0-9a-f-]{36}$/),
			page.getByRole('button', { name: 'Screening starten' })
				.click(),
		]);
		const orderUrl = page.url();
		await agent.check('nl-screening');
		assert.equal(await state(agent), 'Screening');
		assert.match(await page.locator('main').innerText(),
			     /Dat doet de burgemeester, of de hulpofficier/);

		/* The HOvJ fills in the RiHG: two signals of part A high. */
		page = hovj.page;
		await goto(hovj, `/dossiers/${c.id}/risicotaxatie/nieuw`,
			   'nl-risicotaxatie-formulier');
		await page.locator('#i000-yes').check();
		await page.locator('#s00-high').check();
		await page.locator('#s01-high').check();
		await Promise.all([
			page.waitForURL(/\/risicotaxatie\/[0-9a-f-]{36}$/),
			page.getByRole('button',
				{ name: 'Risicotaxatie opslaan' }).click(),
		]);
		await hovj.check('nl-risicotaxatie-uitkomst');
		assert.match(await page.locator('.assess-outcome__label')
			     .innerText(), /in beginsel geïndiceerd/);

		await page.goto(orderUrl);
		await hovj.check('nl-screening-hovj');
		await openStep(hovj, orderUrl, 'Risicotaxatie koppelen',
			       'nl-koppelen-formulier');
		await page.getByLabel('De uitkomst wijst op een huisverbod')
			.check();
		await save(hovj, orderUrl, 'nl-gekoppeld');

		/* The decision: first without facts (the law refuses). */
		await openStep(hovj, orderUrl, 'Beslissing vastleggen',
			       'nl-beslissing-formulier');
		await page.getByRole('group',
			{ name: /Wordt het huisverbod opgelegd/ })
			.getByLabel('Ja').check();
		await page.getByLabel('Bevoegdheid', { exact: true })
			.selectOption({ label: 'Beslissingsmandaat' });
		await page.getByLabel('Mandaatbesluit', { exact: true })
			.fill('Mandaatbesluit huisverbod Amsterdam 2026');
		await page.getByLabel(/Woont of verblijft/).check();
		await page.getByLabel(/Ernstig en onmiddellijk gevaar/)
			.check();
		await page.getByRole('button', { name: 'Vastleggen' }).click();
		await page.locator('.order-refusal').waitFor();
		await hovj.check('nl-beslissing-geweigerd');
		assert.match(await page.locator('.order-refusal').innerText(),
			     /Wth art\. 2 lid 4/);
		assert.equal(await page.getByLabel('Mandaatbesluit',
			{ exact: true }).inputValue(),
			'Mandaatbesluit huisverbod Amsterdam 2026');
		await page.getByLabel('Feiten en omstandigheden')
			.fill('Mishandeling na ruzie; buren belden 112.');
		await save(hovj, orderUrl, 'nl-opgelegd');
		assert.equal(await state(hovj), 'Opgelegd');
		assert.match(await page.locator('.order-clock').innerText(),
			     /nog \d+ dag/);

		/* The police: serve, keys, stay address, inform. */
		page = agent.page;
		await page.goto(orderUrl);
		await agent.check('nl-opgelegd-politie');
		await openStep(agent, orderUrl, 'Bekendmaking vastleggen',
			       'nl-bekendmaking-formulier');
		await page.getByLabel('Hoe bekendgemaakt')
			.selectOption({ label: 'In persoon uitgereikt' });
		await save(agent, orderUrl, 'nl-bekendgemaakt');
		await simpleStep(agent, orderUrl,
				 'Inname van de huissleutels vastleggen',
				 'nl-sleutels');
		await openStep(agent, orderUrl,
			       'Verblijfadres en telefoon vastleggen',
			       'nl-verblijf-formulier');
		await page.getByLabel('Verblijfadres')
			.fill('Hotel De Brug, Amsterdam');
		await page.getByLabel('Telefoonnummer').fill('+31612345678');
		await save(agent, orderUrl, 'nl-verblijf');
		await openStep(agent, orderUrl,
			       'Vastleggen wie is geïnformeerd',
			       'nl-informeren-formulier');
		await page.getByLabel('Achterblijvers').check();
		await page.getByLabel('Veilig Thuis').check();
		await save(agent, orderUrl, 'nl-geinformeerd');

		/* Veilig Thuis: first contact and the advice. */
		const vt = await user(suite, 'coordinator.ams');
		views.push(vt);
		page = vt.page;
		await page.goto(orderUrl);
		await vt.check('nl-veilig-thuis');
		await simpleStep(vt, orderUrl, 'Eerste contact vastleggen',
				 'nl-eerste-contact');
		await openStep(vt, orderUrl, 'Advies over verlenging geven',
			       'nl-advies-formulier');
		await page.getByRole('group', { name: /Advies: verlengen/ })
			.getByLabel('Ja').check();
		await page.getByLabel('Motivering')
			.fill('Dreiging blijft;\nhulp loopt pas.');
		await save(vt, orderUrl, 'nl-advies');

		/* The mayor extends. */
		const mayor = await user(suite, 'burgemeester.ams');
		views.push(mayor);
		page = mayor.page;
		await page.goto(orderUrl);
		await mayor.check('nl-burgemeester');
		await openStep(mayor, orderUrl, 'Verlengen',
			       'nl-verlengen-formulier');
		await page.getByLabel('Motivering')
			.fill('Advies Veilig Thuis gevolgd.');
		await save(mayor, orderUrl, 'nl-verlengd');
		assert.equal(await state(mayor), 'Verlengd');
		const docs = await page.locator('.order-documents a')
			.evaluateAll((as) => as.map((a) => a.href));
		assert.ok(docs.some((h) => /documents\/extension\?format=pdf/
				    .test(h)), docs.join(' '));
		/* The browser downloads with its own session cookie. */
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.locator('.order-documents a[href*="documents/' +
				     'decision?format=pdf"]').click(),
		]);
		const head = await readFile(await download.path());
		assert.equal(head.subarray(0, 5).toString(), '%PDF-');
	});

	test('BE: the procureur des Konings decides, the family court ' +
	     'extends', async () => {
		const parket = await user(suite, 'parket.lim');
		views.push(parket);
		const c = await newCase(parket, 'BE', 'LIM',
					['Veilig Huis Limburg (FJC)',
					 'Politiezone Limburg Regio Hoofdstad']);
		const agent = await user(suite, 'agent.lim');
		views.push(agent);
		await goto(agent, `/dossiers/${c.id}/huisverbod/nieuw`,
			   'be-voorbereiden');
		let page = agent.page;
		await page.getByRole('heading', { level: 1,
			name: 'Tijdelijk huisverbod voorbereiden' }).waitFor();
		await page.getByLabel('Acuut incident (politie)').check();
		await page.getByLabel('Adres van de woning')
			.fill('Markt 3, Hasselt');
		await Promise.all([
			page.waitForURL(/\/huisverbod\/[0-9a-f-]{36}$/),
			page.getByRole('button', { name: 'Screening starten' })
				.click(),
		]);
		const orderUrl = page.url();
		await agent.check('be-screening');
		assert.match(await page.locator('main').innerText(),
			     /Dat doet de procureur des Konings/);

		page = parket.page;
		await page.goto(orderUrl);
		await parket.check('be-screening-parket');
		await openStep(parket, orderUrl,
			       'Beslissing van de procureur des Konings ' +
			       'vastleggen', 'be-beslissing-formulier');
		assert.equal(await page.locator('#mandate').count(), 0);
		await page.getByRole('group',
			{ name: /Wordt het tijdelijk huisverbod bevolen/ })
			.getByLabel('Ja').check();
		await page.getByLabel('Eerst mondeling meegedeeld').check();
		await page.getByLabel('Feiten en omstandigheden')
			.fill('Slagen in het bijzijn van de kinderen.');
		await save(parket, orderUrl, 'be-bevolen');
		assert.equal(await state(parket), 'Opgelegd');
		await simpleStep(parket, orderUrl,
				 'Schriftelijke bevestiging vastleggen',
				 'be-schriftelijk');
		await openStep(parket, orderUrl, 'Betekening vastleggen',
			       'be-betekening-formulier');
		await page.getByLabel('Hoe bekendgemaakt')
			.selectOption({ label: 'Betekend door het parket' });
		await save(parket, orderUrl, 'be-betekend');
		await openStep(parket, orderUrl,
			       'Vastleggen wie is geïnformeerd',
			       'be-informeren-formulier');
		await page.getByLabel('Achterblijvers').check();
		await page.getByLabel('Slachtofferonthaal').check();
		await save(parket, orderUrl, 'be-geinformeerd');

		const vh = await user(suite, 'coordinator.lim');
		views.push(vh);
		page = vh.page;
		await page.goto(orderUrl);
		await vh.check('be-veilig-huis');
		await simpleStep(vh, orderUrl,
				 'Eerste contact van de casemanager vastleggen',
				 'be-eerste-contact');
		await openStep(vh, orderUrl,
			       'Schriftelijk advies aan het parket geven',
			       'be-advies-formulier');
		await page.getByRole('group', { name: /Advies: verlengen/ })
			.getByLabel('Ja').check();
		await page.getByLabel('Motivering').fill('Risico blijft hoog.');
		await page.getByLabel('Schriftelijk advies aan de ' +
				      'parketmagistraat').check();
		await save(vh, orderUrl, 'be-advies');

		page = parket.page;
		await page.goto(orderUrl);
		await parket.check('be-voor-de-zitting');
		await openStep(parket, orderUrl,
			       'Zitting van de familierechtbank vastleggen',
			       'be-zitting-formulier');
		const when = new Date(Date.now() + 2 * 86400000);
		const local = new Date(when.getTime() -
				       when.getTimezoneOffset() * 60000)
			.toISOString().slice(0, 16);
		await page.getByLabel('Datum en tijd van de zitting')
			.fill(local);
		await save(parket, orderUrl, 'be-zitting');
		await openStep(parket, orderUrl,
			       'Verlenging door de familierechtbank vastleggen',
			       'be-verlengen-formulier');
		await page.getByLabel('Motivering')
			.fill('Uitspraak van de familierechtbank.');
		await save(parket, orderUrl, 'be-verlengd');
		assert.equal(await state(parket), 'Verlengd');
	});
});
