import { describe, expect, it } from 'vitest';
import { compileCopy, TemplateError } from '../../src/platform/copy.ts';

// templates/messages.yml is the product's copy: a broken edit must say which line to fix, never crash raw.
const file = 'templates/messages.yml';
const failure = (text: string) => {
  try {
    compileCopy(text, file);
  } catch (error) {
    return error;
  }
  throw new Error('compiled');
};

describe('the copy file', () => {
  it('renders a template with the values escaped', () => {
    expect(compileCopy('greet: "Hi {{ name }}"', file).render('greet', { name: '<!here>' })).toBe('Hi &lt;!here&gt;');
  });

  it.each([
    ['a YAML syntax error', 'a: "b\nc: [', `${file}:2: YAML syntax error`],
    ['an alias with no anchor', 'a: hello\nb: *nowhere\n', `${file}:2: YAML error`],
    ['a broken template', 'a: ok\nb: "{{ x | nosuchfilter }}"\n', `${file}:2: template "b"`],
    ['a value that is not text', 'a:\n  b: 3\n', `${file}: template "a.b" must be text`],
    ['a file that is not a map', '- a\n- b\n', `${file}: must be a map of message keys to templates`],
  ])('names the file and line of %s', (_what, text, message) => {
    const error = failure(text);
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as Error).message).toContain(message);
  });
});
