/**
 * Where each part lives inside a backup: Ghost-CLI's `ghost backup` layout, with stable
 * names (no dates), so two backups of the same site differ only where the site changed.
 */
export const MANIFEST_FILE = 'manifest.json'
export const CONTENT_FILE = 'data/content.json'
