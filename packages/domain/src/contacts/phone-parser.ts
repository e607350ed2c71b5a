/** A phone number as E.164 (`+442079460958`), or why it cannot be one. */
export type PhoneParser = (raw: string) => { ok: true; e164: string } | { ok: false; message: string };

/**
 * The phone parser the phone fields of the schemas validate with, set by the handler that takes a
 * phone: `usePhoneParser(normalisePhone)`.
 *
 * Why a slot and not a dependency passed in: the parser is libphonenumber-js and its metadata,
 * ~70 KiB minified, and the schemas that hold a phone field (a contact's, a company's) are
 * reached by every handler of their areas through the area's contracts and the import field
 * specs, while only a few handlers parse a phone (creating and updating contacts and companies,
 * the import worker). zod gives a parse no context to carry a dependency in, and the contract must
 * be the very schema the handler validates with, so the handler that needs the parser sets it
 * once at cold start, and every other bundle is left without it. A handler whose contract takes a
 * phone and does not set it is caught by `test/architecture/area-bundles.test.ts`; at run time it
 * would fail loudly (a 500), never accept an unchecked number.
 */
let parser: PhoneParser | undefined;

/** Sets the parser of every phone field (the same one each time: it is `normalisePhone`). */
export function usePhoneParser(phoneParser: PhoneParser): void {
  parser = phoneParser;
}

/** Parses with the parser set by `usePhoneParser`; throws (a programming error) if none is. */
export function parsePhone(raw: string): ReturnType<PhoneParser> {
  if (!parser) throw new Error('No phone parser: a handler that takes a phone calls usePhoneParser(normalisePhone) at cold start');
  return parser(raw);
}
