import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createModelCatalog, fetchModels } from '../../../src/main/services/model-catalog';
import { startMockAnthropic, type MockAnthropic } from '../../mock-anthropic/server';

/**
 * The model picker's list as the app builds it: the real SDK reading the mock's real
 * `GET /v1/models` over HTTP. The API lists models newest first whatever their lifecycle, and
 * lists retired ones too; the picker must offer what can be used, best choice first.
 */

let mock: MockAnthropic;
let client: Anthropic;
beforeAll(async () => {
  mock = await startMockAnthropic();
  client = new Anthropic({ apiKey: 'sk-ant-model-catalog', baseURL: mock.url, maxRetries: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

async function listedByApi(): Promise<Anthropic.ModelInfo[]> {
  const all: Anthropic.ModelInfo[] = [];
  for await (const info of client.models.list({ limit: 100 })) all.push(info);
  return all;
}

describe('the models the picker offers', () => {
  it('active models first, newest first; deprecated after every active one; retired left out', async () => {
    // What the API sent: a deprecated model before an older active one, and a retired one.
    const listed = await listedByApi();
    const ids = listed.map((m) => m.id);
    expect(ids.indexOf('claude-sonnet-4-5')).toBeLessThan(ids.indexOf('claude-opus-4-1'));
    expect(listed.find((m) => m.id === 'claude-3-5-sonnet-20241022')).toMatchObject({
      lifecycle: 'retired',
    });

    const models = await createModelCatalog().list(client);
    expect(models.map((m) => [m.id, m.lifecycle])).toEqual([
      ['claude-sonnet-5-5', 'active'],
      ['claude-opus-5-5', 'active'],
      ['claude-opus-4-5', 'active'],
      ['claude-haiku-4-5', 'active'],
      ['claude-opus-4-1', 'active'],
      ['claude-sonnet-4-5', 'deprecated'],
    ]);
    const created = models.filter((m) => m.lifecycle === 'active').map((m) => m.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    // The first is the default choice, with what the picker shows and the limit a request uses.
    expect(models[0]).toEqual({
      id: 'claude-sonnet-5-5',
      displayName: 'Claude Sonnet 5.5',
      lifecycle: 'active',
      createdAt: '2026-09-15T00:00:00Z',
      maxOutputTokens: 64_000,
    });
  });

  it('reads a list longer than one page to its end, following the cursor', async () => {
    const paged = await fetchModels(client, { pageSize: 2 });
    const pages = mock.requests.filter((r) => r.method === 'GET' && r.path === '/v1/models');
    expect(pages.map((r) => r.query)).toEqual([
      { limit: '2' },
      { limit: '2', after_id: 'claude-opus-5-5' },
      { limit: '2', after_id: 'claude-haiku-4-5' },
      { limit: '2', after_id: 'claude-opus-4-1' },
    ]);
    mock.reset();
    // The same list as one page gives.
    expect(paged).toEqual(await fetchModels(client));
    expect(mock.requests.filter((r) => r.path === '/v1/models')).toHaveLength(1);
  });
});
