import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compilePostmortemTemplate,
  loadPostmortemTemplate,
  PostmortemTemplateError,
  parseContributingFactors,
  type SectionError,
} from '../../src/postmortems/index.ts';
import { checkHumanSections } from '../../src/postmortems/postmortem.ts';
import { writtenMarkdown } from '../../src/postmortems/postmortem-model.ts';
import { samplePostmortemModel } from '../../src/postmortems/sample-model.ts';

describe('the postmortem template', () => {
  it('renders every section of the built-in template against the sample incident', async () => {
    const template = await loadPostmortemTemplate();
    const markdown = template.render(samplePostmortemModel);
    expect(markdown).toMatch(/^# INC-1 postmortem: Checkout errors spiking\n/);
    expect(markdown).toContain('| Time to detect | 5m | detected − started |');
    expect(markdown).toContain('- **Validated:** The config check does not cover currency tables');
    expect(markdown).not.toMatch(/\n{3,}/);
  });

  it('names the file, line and unknown variable of a broken team template', () => {
    const source = '# {{ ref }}\n\n## Summary\n{{ sumary }}\n';
    expect(() => compilePostmortemTemplate(source, '/etc/firebreak/pm.md.liquid')).toThrow(
      /^\/etc\/firebreak\/pm\.md\.liquid:4: postmortem template: unknown variable "sumary"/,
    );
  });

  it('names the line of a syntax error and of an unknown filter', () => {
    expect(() => compilePostmortemTemplate('ok\n{% if ref %}\nno end', 'pm.liquid')).toThrow(/^pm\.liquid:2: /);
    expect(() => compilePostmortemTemplate('{{ ref | shout }}', 'pm.liquid')).toThrow(/^pm\.liquid:1: .*shout/);
  });

  it('says which file cannot be read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pm-'));
    await expect(loadPostmortemTemplate(join(dir, 'missing.liquid'))).rejects.toThrow(
      /missing\.liquid: cannot read the postmortem template \(ENOENT\); check postmortem\.template/,
    );
    const good = join(dir, 'short.liquid');
    await writeFile(good, '# {{ ref }} · {{ title }}\n{{ summary }}\n');
    expect((await loadPostmortemTemplate(good)).render(samplePostmortemModel)).toBe(
      '# INC-1 · Checkout errors spiking\nCard payments failed for 40 minutes after a config change.\n',
    );
    await expect(loadPostmortemTemplate(join(dir, 'x'))).rejects.toBeInstanceOf(PostmortemTemplateError);
  });
});

describe('what people write, as Markdown', () => {
  it('keeps paragraphs and lists but cannot add headings, HTML or link definitions', () => {
    const text = '# Not a heading\nA list:\n- one\n<img src=x onerror=alert(1)>\n[x]: https://evil.example\n---';
    expect(writtenMarkdown(text)).toBe(
      '\\# Not a heading\nA list:\n- one\n&lt;img src=x onerror=alert(1)&gt;\n\\[x]: https://evil.example\n\\---',
    );
  });

  it('keeps a line that is only a list marker as text, so it cannot end a list and split what follows', () => {
    expect(writtenMarkdown('0) \nA')).toBe('0\\) \nA');
    expect(writtenMarkdown('12.\nB\n-\n1. real item')).toBe('12\\.\nB\n\\-\n1. real item');
  });
});

describe('written sections as submitted', () => {
  it('are trimmed, empty ones dropped, and an over-long one refused with its limit under its own field', () => {
    expect(checkHumanSections({ summary: '  Card payments failed.\r\n', lucky: '   ' })).toEqual({
      summary: 'Card payments failed.',
    });
    const long = 'x'.repeat(3001);
    expect(() => checkHumanSections({ went_poorly: long })).toThrow(
      /What went poorly is 3001 characters; keep it to 3000/,
    );
    try {
      checkHumanSections({ went_poorly: long });
    } catch (error) {
      expect((error as SectionError).code).toBe('postmortem.section_too_long.went_poorly');
    }
  });

  it('read contributing factors one per line, [x] marking the validated ones', () => {
    expect(
      parseContributingFactors('- [x] No alert on replica lag\n* [ ] Pooler limits too low\nDNS TTL too long\n\n'),
    ).toEqual([
      { text: 'No alert on replica lag', validated: true },
      { text: 'Pooler limits too low', validated: false },
      { text: 'DNS TTL too long', validated: false },
    ]);
  });
});
