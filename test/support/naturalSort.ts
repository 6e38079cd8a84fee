/**
 * Oracle for "names as people sort them": runs of digits compare as numbers, the rest without
 * regard to case. Written by hand, importing nothing it checks.
 */
export function naiveNaturalSort(names: readonly string[]): string[] {
  const key = (name: string) => name.toLowerCase().match(/\d+|\D+/g) ?? [];
  return [...names].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
      const x = ka[i]!;
      const y = kb[i]!;
      if (x === y) continue;
      if (/^\d/.test(x) && /^\d/.test(y)) return Number(x) - Number(y);
      return x < y ? -1 : 1;
    }
    return ka.length - kb.length;
  });
}
