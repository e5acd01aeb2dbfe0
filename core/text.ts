/**
 * Chinese quotation marks around a name or a typed text: “…”, the quotes it carries itself turned into the inner
 * pair ‘…’ (GB/T 15834), so that an indicator named “哈三中教育集团”县域分校 reads “‘哈三中教育集团’县域分校”, not
 * with doubled marks.
 */
export function quoteZh(text: string): string {
  let opening = true;
  const inner = text.replace(/[“”"]/g, (mark) => {
    if (mark === '“') return '‘';
    if (mark === '”') return '’';
    const straight = opening ? '‘' : '’';
    opening = !opening;
    return straight;
  });
  return `“${inner}”`;
}
