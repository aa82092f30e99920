import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { InlineProject } from '../reporters/support/inline-project';
import { buildSampleReports, SAMPLE_MODES } from './sample-reports';
import { serveFolder } from './static-server';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

test.describe.configure({ mode: 'serial', timeout: 300_000 });
test.skip(!existsSync(CHROMIUM), `needs Debian's chromium at ${CHROMIUM} (apt-get install chromium)`);

let project: InlineProject;
let browser: Browser;

test.beforeAll(async () => {
  project = await buildSampleReports();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

test.afterAll(async () => {
  await browser?.close();
  await project?.[Symbol.asyncDispose]();
});

/** An <img> that the browser actually decoded (a broken image has naturalWidth 0). */
async function expectImageLoaded(image: Locator): Promise<void> {
  await expect(image).toBeVisible();
  // The DOM types are not in this project's lib; an image element is all we read.
  const decodedWidth = () => image.evaluate((img) => {
    const element = img as unknown as { complete: boolean; naturalWidth: number };
    return element.complete ? element.naturalWidth : 0;
  });
  await expect.poll(decodedWidth).toBeGreaterThan(0);
}

async function screenshot(page: Page, name: string): Promise<void> {
  const dir = join(project.reportsDir, 'screenshots');
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, name), fullPage: true });
  await test.info().attach(name, { path: join(dir, name), contentType: 'image/png' });
}

test('the Playwright HTML report shows each failure mode, its MTTR and the evidence timeline', async () => {
  await using server = await serveFolder(project.reportsDir);
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  for (const [index, mode] of SAMPLE_MODES.entries()) {
    await page.goto(`${server.url}/html/index.html`);
    await page.getByText(mode.title, { exact: true }).click();
    await expect(page.getByText(`failure mode: ${mode.label}`)).toBeVisible();
    await expect(page.getByText(new RegExp(`^MTTR: ${mode.mttr.replace(/[~()]/g, '\\$&')} \\(target`))).toBeVisible();
    await expectImageLoaded(page.locator('img[src$=".svg"]').first());
    await screenshot(page, `html-report-${index + 1}.png`);
  }
  await page.close();
});

test('the Allure report shows each failure mode, its MTTR and the evidence timeline', async () => {
  await using server = await serveFolder(project.reportsDir);
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  for (const [index, mode] of SAMPLE_MODES.entries()) {
    await page.goto(`${server.url}/allure-report/index.html`);
    await page.getByText(mode.title, { exact: true }).first().click();
    await expect(page.getByText('failure mode', { exact: true })).toBeVisible();
    await expect(page.getByText(mode.label, { exact: true })).toBeVisible();
    await expect(page.getByText(new RegExp(`^${mode.mttr.replace(/[~()]/g, '\\$&')} \\(target`))).toBeVisible();
    await page.getByText('evidence-timeline.svg', { exact: true }).first().click();
    await expectImageLoaded(page.locator('img[src^="blob:"]').first());
    await screenshot(page, `allure-report-${index + 1}.png`);
  }
  // The run record and the results table travel with the Allure report.
  await page.goto(`${server.url}/allure-report/index.html`);
  await expect(page.getByText('Global Attachments')).toBeVisible();
  await page.close();
});
