/**
 * Crockford base32, 26 characters: what `newId` produces. On its own, without the ULID factory,
 * so the schemas a browser loads can check an id's shape.
 */
export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
