/**
 * The environment both shells start with: the inherited one, minus any real
 * key or API address on the machine running the tests, plus what the spec
 * chose. A real ANTHROPIC_API_KEY must never leak into a test run.
 */
export function shellEnv(options: { baseUrl: string; apiKey: string | null }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['ANTHROPIC_API_KEY'];
  delete env['ANTHROPIC_AUTH_TOKEN'];
  delete env['ELECTRON_RENDERER_URL'];
  env['ANTHROPIC_BASE_URL'] = options.baseUrl;
  if (options.apiKey !== null) env['ANTHROPIC_API_KEY'] = options.apiKey;
  return env;
}
