/** The o11y version, as package.json says (injected by the bundler; "dev" when run from sources). */
declare const O11Y_VERSION: string | undefined;
export const VERSION: string = typeof O11Y_VERSION === 'string' ? O11Y_VERSION : 'dev';
