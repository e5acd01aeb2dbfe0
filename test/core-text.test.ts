/** Chinese quotation of names and typed text in messages: the quotes a name carries become the inner pair. */
import { quoteZh } from '../core/text';
import { parseValue } from '../core/values';

test('a name or a text is put in “…”, and the quotes it carries become ‘…’ instead of doubling', () => {
  expect(quoteZh('专任教师缺口')).toBe('“专任教师缺口”');
  // HRBINT-32 of the Harbin integration plan: its name quotes the group's name.
  expect(quoteZh('“哈三中教育集团”县域分校')).toBe('“‘哈三中教育集团’县域分校”');
  expect(quoteZh('"一校一案"覆盖率')).toBe('“‘一校一案’覆盖率”');
  expect(quoteZh('')).toBe('“”');
});

test('a refused value typed with quotes is quoted once in the message', () => {
  const parsed = parseValue('"九十"', { kind: 'rate', unit: '%' });
  expect(parsed.ok).toBe(false);
  if (!parsed.ok) expect(parsed.error.zh).toBe('“‘九十’”不是有效的值，应填写百分数，如 90 或 90%');
});
