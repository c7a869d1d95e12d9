// Importing a report in the browser, at a desktop and a phone viewport: the secretariat
// uploads a corpus document, sees the preview, sends it to a new review, corrects an item's
// text and owner and leaves one out, confirms; the review holds what was confirmed, the
// corrected values are the person's (provenance), the dashboard counts the new items, and
// readers who are not signed in see the review only once the secretariat publishes it.
// A published PDF report is read into the preview as a text report is.
// Every page is checked by `lib.js` (axe-core, no sideways scroll, no console errors).

import { test, describe, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  ACCOUNTS, VIEWPORTS, launch, open, visit, submit, signIn, dashboardNumbers, env,
} from './lib.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** One document per viewport: a file imported once is refused the second time. */
const DOCUMENTS = { desktop: 'duty-of-care-response-2013.txt', phone: 'london-dv-strategy-2006.txt' };

for (const vp of VIEWPORTS) {
  describe(`import at the ${vp.name} viewport (${vp.viewport.width}x${vp.viewport.height})`, () => {
    let s;
    let reader;
    beforeEach(async () => {
      s = await open(browser, vp);
      reader = await open(browser, vp);
    });
    afterEach(async () => {
      await s?.context.close();
      await reader?.context.close();
    });

    test('the secretariat previews, corrects and confirms an import, then publishes the review', async () => {
      const { page } = s;
      const file = DOCUMENTS[vp.name];
      const secretariat = ACCOUNTS.secretariat();
      await signIn(s, secretariat);
      const before = await dashboardNumbers(s);
      const readerBefore = await dashboardNumbers(reader);

      // Upload: nothing is imported yet, the preview shows what was read.
      await submit(s, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }));
      await page.getByLabel('Document').setInputFiles(join(env('HEED_CORPUS'), 'seeds', file));
      await submit(s, page.getByRole('button', { name: 'Upload and preview' }));
      await page.getByRole('heading', { level: 1, name: `Preview of ${file}` }).waitFor();
      const items = page.locator('fieldset.item');
      const read = await items.count();
      assert.ok(read >= 3, `the preview shows ${read} items of ${file}`);
      assert.equal((await dashboardNumbers(s)).total, before.total, 'an upload alone imports nothing');
      await page.goBack();

      // Choose a new review, and see the preview say so.
      await page.getByLabel('Review', { exact: true }).selectOption('new');
      await submit(s, page.getByRole('button', { name: 'Show where it goes' }));
      assert.equal(new URL(page.url()).searchParams.get('review'), 'new');

      // Correct the first item's text and owner, leave the last one out, confirm.
      const original = await page.locator('#text-0').inputValue();
      const corrected = `Corrected at the ${vp.name} viewport: ${original}`;
      await page.locator('#text-0').fill(corrected);
      await page.locator('#owner-0').fill(env('HEED_OWNER_UNIT'));
      await page.locator(`#drop-${read - 1}`).check();
      await submit(s, page.getByRole('button', { name: 'Confirm and import' }));

      // The new review holds the confirmed items, unpublished.
      const reviewPath = new URL(page.url()).pathname;
      assert.match(reviewPath, /^\/reviews\/\d+$/);
      assert.match(await page.locator('.lede').textContent(), new RegExp(`^${read - 1} items`));
      await page.getByText('Not published').waitFor();
      const rows = page.locator('table.items tbody tr');
      assert.equal(await rows.count(), read - 1);

      // The corrected item: the person's text and owner, with the person as their source.
      await submit(s, page.getByRole('link', { name: new RegExp(`^Corrected at the ${vp.name} viewport`) }));
      assert.equal((await page.locator('blockquote.text').textContent()).trim(), corrected);
      assert.equal(
        (await page.locator('dl.facts dt:text-is("Owner") + dd').textContent()).trim(),
        env('HEED_OWNER_UNIT'),
      );
      const provenance = page.locator('section[aria-labelledby="provenance"] tbody tr');
      for (const field of ['Text', 'Owner']) {
        const row = provenance.filter({ has: page.locator(`th:text-is("${field}")`) });
        assert.match(await row.locator('td').textContent(), new RegExp(`${secretariat.name} \\(in person\\)`));
      }

      // Signed in, the dashboard counts the new items; a reader does not see them yet.
      const after = await dashboardNumbers(s);
      assert.equal(after.total, before.total + read - 1);
      assert.equal((await dashboardNumbers(reader)).total, readerBefore.total);
      await visit(reader, reviewPath, { status: 404 });

      // Publishing shows the review to readers, items and all.
      await visit(s, reviewPath);
      await submit(s, page.getByRole('button', { name: 'Publish' }));
      await page.getByText('Published: readers who are not signed in can see this review.').waitFor();
      await visit(reader, reviewPath);
      assert.equal(await reader.page.locator('table.items tbody tr').count(), read - 1);
      assert.equal((await dashboardNumbers(reader)).total, readerBefore.total + read - 1);
    });

    test('a PDF report is read into the preview', async () => {
      // Previewing imports nothing, so both viewports read the same published PDF.
      const { page } = s;
      const file = 'upr-slovenia-2010-working-group-report.pdf';
      await signIn(s, ACCOUNTS.secretariat());
      const before = await dashboardNumbers(s);
      await submit(s, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }));
      await page.getByLabel('Document').setInputFiles(join(env('HEED_CORPUS'), 'pdf', file));
      await submit(s, page.getByRole('button', { name: 'Upload and preview' }));
      await page.getByRole('heading', { level: 1, name: `Preview of ${file}` }).waitFor();
      const read = await page.locator('fieldset.item').count();
      assert.ok(read >= 90, `the preview shows ${read} recommendations of ${file}`);
      assert.equal((await dashboardNumbers(s)).total, before.total, 'an upload alone imports nothing');
    });

    test('an owner has no import page', async () => {
      const { page } = s;
      await signIn(s, ACCOUNTS.owner());
      assert.equal(
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).count(),
        0,
      );
      await visit(s, '/import', { status: 403 });
    });
  });
}
