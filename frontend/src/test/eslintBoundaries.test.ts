// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const frontendDir = fileURLToPath(new URL('../../', import.meta.url));

describe('eslint.config.js feature boundaries', () => {
  it('covers a feature directory that the config does not name', async () => {
    // a brand-new feature: the config must find it by itself
    const featureDir = mkdtempSync(join(frontendDir, 'src/features/zz-new-feature-'));
    try {
      const file = join(featureDir, 'index.ts');
      const source = "import { ACCOUNT_LIMITS } from '../accounts/validation';\nexport const x = ACCOUNT_LIMITS;\n";
      writeFileSync(file, source);
      const eslint = new ESLint({ cwd: frontendDir });
      const [result] = await eslint.lintText(source, { filePath: file });
      const boundaryErrors = result.messages.filter((m) => m.ruleId === 'import/no-restricted-paths');
      expect(boundaryErrors.map((m) => m.message)).toEqual([
        expect.stringContaining('Features never import each other: compose them in src/app.'),
      ]);
    } finally {
      rmSync(featureDir, { recursive: true, force: true });
    }
  }, 60_000);
});
