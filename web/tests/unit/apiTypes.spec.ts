import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const web = path.resolve(__dirname, '../..');

// src/api/generated.ts is committed, so that a change of the API shows in review as a change
// of the types; `npm run build` writes it again. A document changed without regenerating
// fails here, where `npm run test:unit` alone would not notice.
describe('the generated API types', () => {
  it('are those of src/server/openapi.json as it is now', () => {
    const check = () =>
      execFileSync(
        process.execPath,
        [
          path.join(web, 'node_modules/openapi-typescript/bin/cli.js'),
          '../src/server/openapi.json',
          '--output',
          'src/api/generated.ts',
          '--check',
        ],
        { cwd: web, stdio: 'pipe' },
      );
    expect(check, 'run `npm run api:types` and commit src/api/generated.ts').not.toThrow();
  }, 30_000);
});
