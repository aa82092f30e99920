import type { TestInfo } from '@playwright/test';
import * as allure from 'allure-js-commons';
import { CAMPAIGN_RECORD_ATTACHMENT, type CampaignRecord } from '../src/campaign/campaign-record';
import { campaignSection } from '../src/render/campaign-section';
import { CAMPAIGN_TIMELINE_ATTACHMENT, renderCampaignTimelineSvg } from '../src/render/campaign-timeline-svg';

/**
 * Hands a finished campaign to every report: the record (read by the MTTR reporter into
 * results.md), its timeline SVG (an image in the HTML and Allure reports), the verdict and replay
 * command as annotations, and the campaign section as the Allure description.
 */
export async function presentCampaignRecord(testInfo: TestInfo, record: CampaignRecord): Promise<void> {
  await testInfo.attach(CAMPAIGN_RECORD_ATTACHMENT, { body: JSON.stringify(record), contentType: 'application/json' });
  await testInfo.attach(CAMPAIGN_TIMELINE_ATTACHMENT, { body: renderCampaignTimelineSvg(record), contentType: 'image/svg+xml' });
  testInfo.annotations.push({ type: 'verdict', description: record.verdict }, { type: 'replay', description: record.replay });
  await allure.description(campaignSection(record));
}
