/**
 * `{variable}` templates in preset URLs and extra values. Pure string work, shared by the form
 * (URLs update as variables are typed) and the schema (a URL still holding one is refused).
 */

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_.]*)\}/g;

/** The placeholder names in `text`, in order of appearance, without repeats. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

/**
 * Replaces each `{name}` that has a non-empty value; the others stay as they are, so the URL
 * still says what is missing. Values are inserted as typed: the schema then checks the result
 * like any URL the admin wrote.
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name]?.trim();
    return value ? value : whole;
  });
}
