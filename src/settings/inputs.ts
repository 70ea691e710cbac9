/**
 * Every input the action and the CLI accept. action.yml is the published form of this
 * list; a test keeps the two in step, and the CLI builds its --help from it.
 */
export interface InputSpec {
  name: string
  description: string
  /** Default applied when the input is empty; the same in action.yml. */
  default?: string
  /** Credentials: masked, and never shown with their value in a message. */
  secret?: boolean
}

export const INPUTS: readonly InputSpec[] = [
  {
    name: 'url',
    description: "The site's URL as you type it in a browser, e.g. https://example.com or https://example.com/blog/.",
  },
  {
    name: 'admin-url',
    description: 'Where Ghost Admin is served, when that is another host (Ghost(Pro): https://<name>.ghost.io).',
  },
  {
    name: 'staff-token',
    description:
      "A staff access token of the Owner or an Administrator (id:secret), from the user's profile in Ghost Admin. The recommended way to log in.",
    secret: true,
  },
  {
    name: 'username',
    description: 'Email address of a staff user, for password login on sites where a staff token is not an option.',
  },
  {
    name: 'password',
    description: 'Password for username. Fails on sites that ask for an emailed sign-in code.',
    secret: true,
  },
  {
    name: 'path',
    description: 'Folder the backup is written to.',
    default: 'ghost-backup',
  },
  {
    name: 'include',
    description:
      'What to back up, comma-separated: all, or any of content, members, themes, settings, images, media, files.',
    default: 'all',
  },
  {
    name: 'exclude',
    description: "Parts to leave out, from the same list as 'include'.",
    default: '',
  },
  {
    name: 'include-tables',
    description:
      "Extra database tables for Ghost's content export, comma-separated (e.g. members, email_recipients). They hold personal data.",
    default: '',
  },
  {
    name: 'include-external',
    description:
      'Also download images and files the content links on other hosts (external storage, embeds). Otherwise they are only listed in the manifest.',
    default: 'false',
  },
  {
    name: 'concurrency',
    description: 'How many images, media and files are downloaded at once.',
    default: '8',
  },
  {
    name: 'destination',
    description:
      "Where the backup goes: artifact (a workflow artifact), commit (a branch of the repository), both ('artifact,commit'), or none (left in 'path' for the next step).",
    default: 'artifact',
  },
  {
    name: 'artifact-name',
    description:
      'Name of the artifact. {host}, {date} (YYYY-MM-DD) and {run} (the run id) are filled in; characters artifacts cannot hold become -.',
    default: 'ghost-backup-{host}-{date}',
  },
  {
    name: 'retention-days',
    description: "Days to keep the artifact, 1 to 90. Empty: the repository's setting.",
    default: '',
  },
  {
    name: 'compression-level',
    description: 'Zip compression of the artifact, 0 (none, fastest) to 9 (smallest).',
    default: '6',
  },
  {
    name: 'overwrite',
    description: 'Replace an artifact of the same name from this run instead of failing.',
    default: 'false',
  },
  {
    name: 'github-token',
    description: "Token for the commit destination; needs 'permissions: contents: write'.",
    default: '${{ github.token }}',
    secret: true,
  },
  {
    name: 'repository',
    description: 'Repository (owner/name) the commit destination writes to.',
    default: '${{ github.repository }}',
  },
  {
    name: 'branch',
    description: 'Branch the backups are committed to; created without history when missing.',
    default: 'ghost-backup',
  },
  {
    name: 'commit-path',
    description: "Folder inside the branch that holds this site's backup; {host} is filled in.",
    default: '{host}',
  },
  {
    name: 'commit-message',
    description: 'Message of each backup commit; {host}, {date} and {run} are filled in.',
    default: 'Back up {host} ({date})',
  },
  {
    name: 'previous-path',
    description:
      'A previous backup to download only what changed against (commit mode uses the branch). Files the server says are unchanged are kept from it (hard-linked where the disk allows).',
    default: '',
  },
  {
    name: 'encryption-recipients',
    description:
      'age public keys (age1..., one per line) to encrypt the backup to. Then only backup.tar.age (and a fingerprint) is uploaded or committed.',
    default: '',
  },
  {
    name: 'encryption-passphrase',
    description: "A passphrase to encrypt the backup with instead of 'encryption-recipients'.",
    default: '',
    secret: true,
  },
  {
    name: 'allow-public-unencrypted',
    description:
      'Upload or commit an unencrypted backup even when the repository is public. Anyone could then read staff and member emails.',
    default: 'false',
  },
  {
    name: 'verify',
    description:
      'Check the finished backup offline before it replaces the previous one or goes anywhere: every file there at its size and sha256 (hashed as it was written), the export, every referenced file, the members CSV, theme zips.',
    default: 'true',
  },
  {
    name: 'retries',
    description:
      'How many times a request that failed for a passing reason (network error, time-out, HTTP 429 or 5xx) is repeated. Logins are never repeated.',
    default: '4',
  },
  {
    name: 'request-timeout',
    description: 'Seconds a request may stay silent before it counts as failed.',
    default: '60',
  },
  {
    name: 'allow-insecure-http',
    description:
      'Allow plain http:// to a host that is not this machine. Credentials then cross the network unencrypted.',
    default: 'false',
  },
]

/** Reads one input by name; returns '' when it is not set. */
export type InputSource = (name: string) => string
