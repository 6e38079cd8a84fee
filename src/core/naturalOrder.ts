/**
 * Names in the order people expect: "Tester6" before "Tester12", accents and case folded the
 * way the display language folds them.
 */
export function naturalCollator(locale?: string): Intl.Collator {
  const options: Intl.CollatorOptions = { numeric: true, sensitivity: 'base' };
  try {
    return new Intl.Collator(locale, options);
  } catch (e) {
    // A malformed locale tag falls back to the runtime's; it must not cost the user the list.
    if (e instanceof RangeError && locale !== undefined) return new Intl.Collator(undefined, options);
    throw e;
  }
}

/** A sorted copy; `first` (if given) picks items that go before all others, such as "you". */
export function sortByName<T>(items: readonly T[], nameOf: (item: T) => string, collator: Intl.Collator, first?: (item: T) => boolean): T[] {
  const rank = (item: T) => (first?.(item) ? 0 : 1);
  return [...items].sort((a, b) => rank(a) - rank(b) || collator.compare(nameOf(a), nameOf(b)));
}
