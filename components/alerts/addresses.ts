/** E-mail addresses as typed: one per line or separated by commas or semicolons, blanks dropped. */
export const splitAddresses = (text: string) => text.split(/[\n,;]+/).map((a) => a.trim()).filter(Boolean);
