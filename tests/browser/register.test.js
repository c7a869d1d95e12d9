// The register as people use it, in a real browser, at a desktop and a phone viewport:
// reading (dashboard, reviews, a review and its committee report download, search with
// filters, an item), signing in (and a wrong password's message), an owner recording progress
// with an evidence file through the item page's form (a claim of completion), the secretariat
// verifying it, and the dashboard following, a viewer who gets no form, signing out.
// Every page visited is checked by `lib.js` (axe-core, no sideways scroll, no console errors).

import { test, describe, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCOUNTS, VIEWPORTS, launch, open, visit, submit, signIn, dashboardNumbers, env, streamText,
} from './lib.js';

/** The value of one of the item page's facts ("Status", "Version"). */
async function fact(page, name) {
  return (await page.locator(`dl.facts dt:text-is("${name}") + dd`).textContent()).trim();
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const vp of VIEWPORTS) {
  describe(`at the ${vp.name} viewport (${vp.viewport.width}x${vp.viewport.height})`, () => {
    // Each test in its own browser context: its own cookies, so one failing test leaves
    // no one signed in for the next.
    let s;
    beforeEach(async () => { s = await open(browser, vp); });
    afterEach(async () => { await s?.context.close(); });

    test('an anonymous reader finds items from the dashboard, the reviews and search', async () => {
      const { page } = s;
      await visit(s, '/');
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      await page.getByRole('link', { name: 'Sign in' }).waitFor();

      await visit(s, '/reviews');
      const review = page.locator('table a[href^="/reviews/"]').first();
      const reviewName = (await review.textContent()).trim();
      await submit(s, review);
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), reviewName);
      await page.getByRole('heading', { name: 'Items, in the document\'s order' }).waitFor();

      // The committee report form downloads the review in the chosen layout and format.
      await page.getByLabel('Layout').selectOption('progress-table');
      await page.getByLabel('Format').selectOption('csv');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download' }).click(),
      ]);
      assert.match(download.suggestedFilename(), /\.csv$/);
      const csv = await streamText(await download.createReadStream());
      assert.ok(csv.split('\n').length > 10, `the CSV report has too few lines:\n${csv}`);

      // Search with filters: the filters travel in the URL and come back selected.
      await visit(s, '/search');
      await page.getByLabel('Status').selectOption('in_progress');
      await page.getByLabel('Owner').fill(env('HEED_OWNER_UNIT').split(' ')[0].toLowerCase());
      await submit(s, page.getByRole('button', { name: 'Search' }));
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('status'), 'in_progress');
      assert.equal(await page.getByLabel('Status').inputValue(), 'in_progress');
      const rows = page.locator('table.items tbody tr');
      assert.ok(await rows.count() > 0, 'the search found no in-progress items of the owner');
      for (const status of await rows.locator('td:nth-child(3)').allTextContents()) {
        assert.equal(status.trim(), 'In progress');
      }
      for (const owner of await rows.locator('td:nth-child(5)').allTextContents()) {
        assert.equal(owner.trim(), env('HEED_OWNER_UNIT'));
      }
      // A words search narrows further, and a filter value the server cannot read is a
      // message on the page, not a failure.
      await visit(s, '/search?q=training');
      assert.ok(await rows.count() > 0, 'no item mentions training');
      await visit(s, '/search?status=finished', { status: 400 });
      await page.getByRole('alert').waitFor();

      // An item page: its text, facts, provenance and history; no form for a reader.
      await visit(s, '/search?status=in_progress');
      await submit(s, rows.first().getByRole('link'));
      await page.getByRole('heading', { name: 'History' }).waitFor();
      await page.getByRole('heading', { name: 'Where each value came from' }).waitFor();
      assert.equal(await page.getByRole('heading', { name: 'Record progress' }).count(), 0);
    });

    test('the keyboard alone: the skip link comes first, and signing in works', async () => {
      const { page } = s;
      await visit(s, '/login');
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Skip to content' });
      assert.ok(await skip.evaluate((el) => el === document.activeElement), 'Tab should reach the skip link first');
      const box = await skip.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= vp.viewport.width, 'the focused skip link should be on screen');
      await page.keyboard.press('Enter');
      // Following an in-page link is asynchronous: wait for it rather than race it.
      await page.waitForURL((url) => url.hash === '#main', { timeout: 5000 });

      const owner = ACCOUNTS.owner();
      await page.getByLabel('Name').focus();
      await page.keyboard.type(owner.name);
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'password');
      await page.keyboard.type(owner.password);
      await submit(s, { click: () => page.keyboard.press('Enter') });
      await page.getByText(`Signed in as ${owner.name}`).waitFor();
    });

    test('signing in with a wrong password says so and keeps the name', async () => {
      const { page } = s;
      const owner = ACCOUNTS.owner();
      await visit(s, '/login');
      await page.getByLabel('Name').fill(owner.name);
      await page.getByLabel('Password').fill('not the password');
      await submit(s, page.getByRole('button', { name: 'Sign in' }), { status: 401 });
      assert.match(await page.getByRole('alert').textContent(), /do not match an account/);
      assert.equal(await page.getByLabel('Name').inputValue(), owner.name);
    });

    test('an owner claims a completion, the secretariat verifies it, and the dashboard follows', async () => {
      const { page } = s;
      const owner = ACCOUNTS.owner();
      await signIn(s, owner);
      const before = await dashboardNumbers(s);

      // The first of the owner's items still in progress (the other viewport's run has
      // already completed the one before it).
      await visit(s, `/search?status=in_progress&owner=${encodeURIComponent(env('HEED_OWNER_UNIT'))}`);
      await submit(s, page.locator('table.items tbody tr').first().getByRole('link'));
      const itemPath = new URL(page.url()).pathname;
      const version = Number(await fact(page, 'Version'));

      const note = `Completed at the ${vp.name} viewport: the last training session was held`;
      await page.getByRole('heading', { name: 'Record progress' }).waitFor();
      // The form tells an owner that a completion is a claim.
      await page.getByText('A completion you record is a claim').waitFor();
      await page.getByLabel('Status').selectOption('completed');
      // Each viewport sets a different RAG, so both badges' colours meet axe's contrast check.
      await page.getByLabel('RAG').selectOption(vp.name === 'phone' ? 'amber' : 'green');
      await page.getByLabel('What happened').fill(note);
      const evidence = `minutes-${vp.name}.txt`;
      await page.getByLabel('Evidence file').setInputFiles({
        name: evidence, mimeType: 'text/plain', buffer: Buffer.from(`Training held (${vp.name})\n`),
      });
      await submit(s, page.getByRole('button', { name: 'Record' }));
      assert.equal(new URL(page.url()).pathname, itemPath);

      // The claim is in the notes and history under the owner's name, awaiting verification;
      // the item's status has not changed yet.
      assert.equal(Number(await fact(page, 'Version')), version + 1);
      assert.equal(await fact(page, 'Status'), 'In progress');
      await page.getByRole('heading', { name: 'Verification' }).waitFor();
      assert.match(await page.locator('section[aria-labelledby="verification"]').textContent(), /await/i);
      assert.equal(await page.getByRole('button', { name: 'Verify' }).count(), 0, 'an owner cannot verify');
      const claimed = page.locator('ol.timeline li').last();
      assert.match(await claimed.textContent(), new RegExp(owner.name));
      assert.match(await claimed.textContent(), /training session was held/);
      await page.locator('ol.notes').getByText(note).waitFor();

      // The evidence file is listed, and downloads as it was sent.
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: evidence }).click(),
      ]);
      assert.equal(file.suggestedFilename(), evidence);
      assert.equal(await streamText(await file.createReadStream()), `Training held (${vp.name})\n`);

      // A claim counts as open: only the awaiting count moves.
      const claimedNumbers = await dashboardNumbers(s);
      const status = (n) => n.tables['Items by status'];
      assert.equal(claimedNumbers.open, before.open);
      assert.equal(claimedNumbers.awaiting, before.awaiting + 1);
      assert.deepEqual(status(claimedNumbers), status(before));

      await submit(s, page.getByRole('button', { name: 'Sign out' }));
      await page.getByRole('link', { name: 'Sign in' }).waitFor();
      await visit(s, itemPath);
      assert.equal(await page.getByRole('heading', { name: 'Record progress' }).count(), 0);

      // The secretariat finds it from the dashboard and verifies it.
      const secretariat = ACCOUNTS.secretariat();
      await signIn(s, secretariat);
      await submit(s, page.getByRole('link', { name: /claimed completions? to verify/ }));
      assert.equal(new URL(page.url()).searchParams.get('awaiting'), 'true');
      await submit(s, page.locator(`table.items a[href="${itemPath}"]`));
      await page.getByLabel('Note (optional)').fill(`Minutes seen (${vp.name})`);
      await submit(s, page.getByRole('button', { name: 'Verify' }));
      assert.equal(new URL(page.url()).pathname, itemPath);
      assert.equal(await fact(page, 'Status'), 'Completed');
      assert.match(await page.locator('ol.timeline li').last().textContent(), new RegExp(secretariat.name));

      // Now the dashboard counts it: one more completed, one fewer in progress and open.
      const after = await dashboardNumbers(s);
      assert.equal(after.total, before.total);
      assert.equal(after.open, before.open - 1);
      assert.equal(after.awaiting, before.awaiting);
      assert.equal(status(after)['Completed'], status(before)['Completed'] + 1);
      assert.equal(status(after)['In progress'], status(before)['In progress'] - 1);
      await submit(s, page.getByRole('button', { name: 'Sign out' }));
    });

    test('a viewer reads everything but gets no form', async () => {
      const { page } = s;
      await signIn(s, ACCOUNTS.viewer());
      await visit(s, '/search?status=in_progress');
      await submit(s, page.locator('table.items tbody tr').first().getByRole('link'));
      await page.getByRole('heading', { name: 'History' }).waitFor();
      assert.equal(await page.getByRole('heading', { name: 'Record progress' }).count(), 0);
      assert.equal(await page.locator('form.progress').count(), 0);
      // The pages every signed-in person has: saved views and their own API tokens.
      await submit(s, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Saved views' }));
      await submit(s, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API tokens' }));
      await submit(s, page.getByRole('button', { name: 'Sign out' }));
      await page.getByRole('link', { name: 'Sign in' }).waitFor();
    });
  });
}
